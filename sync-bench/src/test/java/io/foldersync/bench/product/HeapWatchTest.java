package io.foldersync.bench.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapWatchTest {

    @TempDir
    Path dir;

    @Test
    void thePeakIsTheLargestHeapBeforeACollectionAndTheLiveSetTheLargestAfter() throws IOException {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.012s][info][gc] Using G1
                [3.723s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 153M->7M(256M) 94.430ms
                [9.100s][info][gc] GC(4) Pause Young (Concurrent Start) (G1 Humongous Allocation) 90M->41M(256M) 5.1ms
                [9.300s][info][gc] GC(5) Pause Remark 45M->45M(256M) 1.2ms
                [9.900s][info][gc] GC(6) Pause Young (Normal) (G1 Evacuation Pause) 512K->256K(1G) 1.0ms
                """);
        assertThat(HeapWatch.gcLogPeak(log, false)).isEqualTo(153L << 20);
        assertThat(HeapWatch.gcLogPeak(log, true)).isEqualTo(45L << 20);
        assertThat(HeapWatch.gcLogPeak(dir.resolve("none.log"), false)).isEqualTo(-1);
    }

    @Test
    void theHeapGaugeIsTheSumOfTheHeapPools() {
        String prometheus = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="foldersync-client",area="heap",id="G1 Eden Space"} 6291456.0
                jvm_memory_used_bytes{application="foldersync-client",area="heap",id="G1 Old Gen"} 2.8755968E7
                jvm_memory_used_bytes{application="foldersync-client",area="heap",id="G1 Survivor Space"} 4611088.0
                jvm_memory_used_bytes{application="foldersync-client",area="nonheap",id="Metaspace"} 6.6253048E7
                """;
        assertThat(Actuator.heapUsed(prometheus)).isEqualTo(6_291_456L + 28_755_968L + 4_611_088L);
        assertThat(Actuator.heapUsed("# nothing\n")).isEqualTo(-1);
    }
}
