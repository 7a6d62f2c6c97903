package io.foldersync.bench.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of running JVMs, sampled: {@code jcmd <pid> GC.class_histogram} collects in full
 * and counts what is reachable, so its total is the data a process really holds at that moment,
 * where a G1 log's "after" figure of a young collection still holds the old generation's garbage.
 * Each sample stops the process for a full collection, so this runs only when asked
 * ({@code BENCH_LIVE_HEAP=1}): for case 1b's scale check, not for the timed rows.
 */
public final class LiveHeap implements AutoCloseable {

    /** The last line of a class histogram: {@code Total  625883  28801840}. */
    private static final Pattern TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

    private final Thread sampler;

    private final long[] pids;

    private final long[] peaks;

    private volatile boolean stopped;

    private LiveHeap(Duration every, long... pids) {
        this.pids = pids;
        this.peaks = new long[pids.length];
        java.util.Arrays.fill(peaks, -1);
        this.sampler = new Thread(() -> {
            while (!stopped) {
                for (int i = 0; i < pids.length; i++) {
                    long bytes = sample(pids[i]);
                    synchronized (peaks) {
                        peaks[i] = Math.max(peaks[i], bytes);
                    }
                }
                try {
                    Thread.sleep(every.toMillis()); // a sampling period, not a wait for a condition
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap");
        sampler.setDaemon(true);
    }

    /** Starts sampling the processes every {@code every}, or returns null when BENCH_LIVE_HEAP is not set. */
    public static LiveHeap startIfAsked(Duration every, long... pids) {
        if (System.getenv("BENCH_LIVE_HEAP") == null) {
            return null;
        }
        LiveHeap heap = new LiveHeap(every, pids);
        heap.sampler.start();
        return heap;
    }

    /** The largest live heap seen of the i-th process, in bytes, or -1. */
    public long peak(int i) {
        synchronized (peaks) {
            return peaks[i];
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
        try {
            sampler.join(30_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long sample(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            Matcher total = TOTAL.matcher(out);
            long bytes = -1;
            while (total.find()) {
                bytes = Long.parseLong(total.group(1));
            }
            return bytes;
        }
        catch (IOException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
