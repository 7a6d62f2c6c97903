package io.foldersync.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetTest {

    @TempDir
    Path dir;

    @Test
    void theManifestWrittenIsWhatIsOnDisk() throws IOException {
        Manifest written = DataSet.write(dir, DataSet.files(300, 2_000, 5), new TextGenerator(5));
        assertThat(Manifest.scan(dir).entries()).isEqualTo(written.entries());
        assertThat(written.count()).isEqualTo(300);
    }

    @Test
    void layoutAndSizesFollowFromTheSeed() {
        List<DataSet.FileSpec> files = DataSet.files(5_000, 20_000, 8);
        assertThat(DataSet.files(5_000, 20_000, 8)).isEqualTo(files);
        assertThat(files).extracting(DataSet.FileSpec::path).doesNotHaveDuplicates()
                .allMatch(p -> List.of(p.split("/")).stream().noneMatch(s -> s.startsWith(".")));
        long total = files.stream().mapToLong(DataSet.FileSpec::size).sum();
        assertThat(total).isBetween(95_000_000L, 105_000_000L);
        assertThat(files).allMatch(f -> f.size() >= 10_000 && f.size() <= 30_000);
        Map<String, Long> perDirectory = files.stream()
                .collect(Collectors.groupingBy(f -> f.path().substring(0, f.path().lastIndexOf('/')), Collectors.counting()));
        assertThat(perDirectory.values()).allMatch(n -> n <= 100);
        assertThat(files.stream().collect(Collectors.groupingBy(DataSet.FileSpec::kind, Collectors.counting())))
                .containsEntry(TextGenerator.Kind.PROSE, 1_250L).containsEntry(TextGenerator.Kind.CODE, 3_750L);
    }

    @Test
    void neighbouringFilesAreUnrelated() throws IOException {
        Manifest written = DataSet.write(dir, DataSet.files(2, 5_000, 1), new TextGenerator(1));
        List<String> paths = List.copyOf(written.entries().keySet());
        byte[] first = Files.readAllBytes(dir.resolve(paths.get(0)));
        byte[] second = Files.readAllBytes(dir.resolve(paths.get(1)));
        assertThat(new String(first, 0, 200)).isNotEqualTo(new String(second, 0, 200));
        assertThat(written.entries().values().stream().map(Manifest.Entry::sha256)
                .collect(Collectors.toMap(Function.identity(), h -> 1, Integer::sum))).hasSize(2);
    }
}
