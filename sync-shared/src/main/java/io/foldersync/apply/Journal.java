package io.foldersync.apply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.foldersync.reconcile.Observed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a batch is about to take out of the way, written and flushed before the first file is
 * moved: after a power cut, {@link Recovery} reads it to put every taken file back where it
 * belongs (or keep it), so a path never stays empty and no content is lost in the work directory.
 * One JSON object a line (paths may hold any character but NUL and '/').
 */
final class Journal {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * One taken file.
     *
     * @param op WRITE, DELETE, MOVE or KEEP_ASIDE
     * @param taken the name of the taken file in the work directory
     * @param path the path it was taken from
     * @param to for a move, its destination
     * @param expect what the plan assumed was at {@code path}: ABSENT, INELIGIBLE or a sha256
     * @param keep whether the plan handed the taken file to the keeper
     */
    record Entry(String op, String taken, String path, String to, String expect, boolean keep) {

        static Entry of(Step step, Path taken) {
            String to = step instanceof Step.Move move ? move.to() : null;
            boolean keep = step instanceof Step.KeepAside || (step instanceof Step.Write w && w.keepTaken());
            return new Entry(opOf(step), taken.getFileName().toString(), step.path(), to, encode(step.expect()), keep);
        }

        boolean expects(Observed found) {
            return expect.equals(encode(found));
        }
    }

    private Journal() {
    }

    static String opOf(Step step) {
        if (step instanceof Step.Write) {
            return "WRITE";
        }
        if (step instanceof Step.Delete) {
            return "DELETE";
        }
        return step instanceof Step.Move ? "MOVE" : "KEEP_ASIDE";
    }

    static String encode(Observed observed) {
        return observed.isFile() ? observed.version().sha256() : observed.state().name();
    }

    /** Writes the journal; flushes it too unless {@code flush} is false (the caller flushes it with more). */
    static void write(Disk disk, Path file, List<Entry> entries, boolean flush) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(disk.create(file), 64 * 1024)) {
            for (Entry entry : entries) {
                out.write(JSON.writeValueAsBytes(entry));
                out.write('\n');
            }
        }
        if (flush) {
            disk.force(file);
        }
    }

    /** The entries that were written completely; a line cut by the power cut ends the list. */
    static List<Entry> read(Disk disk, Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(disk.open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    Entry entry = JSON.readValue(line, Entry.class);
                    if (entry.taken() == null || entry.path() == null || entry.expect() == null
                            || entry.taken().contains("/") || !entry.taken().startsWith(WorkDir.TAKEN_PREFIX)) {
                        break;
                    }
                    entries.add(entry);
                }
                catch (JacksonException e) {
                    break;
                }
            }
        }
        return entries;
    }
}
