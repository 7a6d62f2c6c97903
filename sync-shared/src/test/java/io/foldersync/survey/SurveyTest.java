package io.foldersync.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.foldersync.files.FileRules;
import io.foldersync.files.LocalFile;
import io.foldersync.files.Scan;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.PathOrder;
import io.foldersync.state.FileState;
import io.foldersync.state.StateStore;
import io.foldersync.state.TestStates;

/**
 * The survey against the maps it replaces: for random trees (names that sort differently in UTF-16
 * and in UTF-8, names that are prefixes of others, hidden files, links, binary and too-large
 * files), random bases (current, touched, stale, gone) and a random manifest, it yields exactly
 * the paths of bases, disk and manifest together, each with what a whole-folder scan and lookups
 * in maps of the bases and the manifest say of it.
 */
class SurveyTest {

    private static final String[] NAMES = { "a", "a.txt", "a0", "a-b", "b", "Z", "é.md", "\u4e2d.txt", "\uE000",
            "\uD83D\uDE00.txt", "x y", ".hidden" };

    private static final String SHA_X = "1".repeat(64);

    @TempDir
    Path dir;

    private final FileRules rules = new FileRules(4096);

    @Test
    void yieldsWhatMapsOfTheBasesTheScanAndTheManifestSayPathByPath() throws IOException {
        long seed = Long.getLong("survey.seed", System.nanoTime());
        System.out.println("SurveyTest seed " + seed + " (-Dsurvey.seed to repeat)");
        Random random = new Random(seed);
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            for (int round = 0; round < 12; round++) {
                String folder = "f" + round;
                Path root = Files.createDirectories(dir.resolve(folder));
                tree(random, root, 0);
                Scan scan = rules.scan(root, FileRules.KnownHashes.NONE);
                Map<String, ManifestEntry> manifest = new TreeMap<>(PathOrder.ORDER);
                for (LocalFile file : scan.files().values()) {
                    switch (random.nextInt(4)) {
                        case 0 -> { }
                        case 1 -> store.put(folder, file, "server");
                        case 2 -> store.put(folder, new LocalFile(file.path(), file.sha256(), file.mtime() - 5000, file.size()), "server");
                        default -> store.put(folder, new LocalFile(file.path(), SHA_X, file.mtime(), file.size()), "server");
                    }
                    if (random.nextBoolean()) {
                        manifest.put(file.path(), new ManifestEntry(file.path(), random.nextBoolean() ? file.sha256() : SHA_X, 1, 1));
                    }
                }
                for (int i = 0; i < 10; i++) {
                    String gone = randomPath(random);
                    if (random.nextBoolean()) {
                        store.put(folder, new LocalFile(gone, SHA_X, 1, 1), "server");
                    }
                    else {
                        manifest.put(gone, new ManifestEntry(gone, SHA_X, 1, 1));
                    }
                }
                Map<String, FileState> known = store.files(folder);
                Scan expected = rules.scan(root, path -> known.containsKey(path) ? known.get(path).asLocalFile() : null);

                List<Spot<ManifestEntry>> spots = new ArrayList<>();
                try (Survey<ManifestEntry> survey = Survey.with(store, folder, rules, root, manifest.values().iterator(),
                        ManifestEntry::path)) {
                    survey.forEachRemaining(spots::add);
                }

                TreeSet<String> paths = new TreeSet<>(PathOrder.ORDER);
                paths.addAll(known.keySet());
                paths.addAll(expected.files().keySet());
                paths.addAll(expected.ineligible().keySet());
                paths.addAll(manifest.keySet());
                assertThat(spots).extracting(Spot::path).as("seed %d, round %d", seed, round).containsExactlyElementsOf(paths);
                for (Spot<ManifestEntry> spot : spots) {
                    String path = spot.path();
                    assertThat(spot.base()).as("seed %d: base of %s", seed, path).isEqualTo(known.get(path));
                    assertThat(spot.remote()).as("seed %d: manifest entry of %s", seed, path).isEqualTo(manifest.get(path));
                    assertThat(spot.local().file()).as("seed %d: file at %s", seed, path).isEqualTo(expected.files().get(path));
                    assertThat(spot.local().ineligible()).as("seed %d: %s", seed, path).isEqualTo(expected.ineligible().get(path));
                    assertThat(spot.local().isUnknown()).isFalse();
                }
                for (int i = 0; i < 4; i++) {
                    lookAtASubtree(store, folder, root, randomPath(random), seed);
                }
            }
        }
    }

    /** A subtree (a directory, a file, a link, a hidden or missing path) against a scan of it and its rows. */
    private void lookAtASubtree(StateStore store, String folder, Path root, String subtree, long seed) throws IOException {
        Map<String, FileState> known = new TreeMap<>();
        store.files(folder).forEach((path, row) -> {
            if (path.equals(subtree) || path.startsWith(subtree + "/")) {
                known.put(path, row);
            }
        });
        Scan expected = rules.scan(root, root.resolve(subtree), path -> known.containsKey(path) ? known.get(path).asLocalFile() : null);
        List<Spot<Void>> spots = new ArrayList<>();
        try (Survey<Void> survey = Survey.of(store, folder, rules, root, subtree)) {
            survey.forEachRemaining(spots::add);
        }
        TreeSet<String> paths = new TreeSet<>(PathOrder.ORDER);
        paths.addAll(known.keySet());
        paths.addAll(expected.files().keySet());
        paths.addAll(expected.ineligible().keySet());
        assertThat(spots).extracting(Spot::path).as("seed %d, subtree %s: %s", seed, subtree, spots).containsExactlyElementsOf(paths);
        for (Spot<Void> spot : spots) {
            assertThat(spot.base()).isEqualTo(known.get(spot.path()));
            assertThat(spot.local().file()).as("seed %d: file at %s", seed, spot.path()).isEqualTo(expected.files().get(spot.path()));
            assertThat(spot.local().ineligible()).isEqualTo(expected.ineligible().get(spot.path()));
        }
    }

    @Test
    void refreshesABaseWhoseFileWasTouchedWithoutChangingSoItIsNotHashedAgain() throws IOException {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            Path root = Files.createDirectories(dir.resolve("docs"));
            Path file = Files.writeString(root.resolve("a.txt"), "same\n");
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
            LocalFile found = rules.scan(root, FileRules.KnownHashes.NONE).files().get("a.txt");
            store.put("docs", new LocalFile("a.txt", found.sha256(), 2_000_000, found.size()), "server");

            try (Survey<Void> survey = Survey.of(store, "docs", rules, root)) {
                survey.forEachRemaining(spot -> { });
            }

            FileState row = store.get("docs", "a.txt").orElseThrow();
            assertThat(row.mtime()).isEqualTo(1_000_000);
            assertThat(row.fileKey()).isEqualTo(found.fileKey());
            assertThat(row.sha256()).isEqualTo(found.sha256());
        }
    }

    @Test
    void stopsRatherThanDecideOnAListOutOfOrder() throws IOException {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            Path root = Files.createDirectories(dir.resolve("docs"));
            Iterator<String> backwards = List.of("b.txt", "a.txt").iterator();
            try (Survey<String> survey = Survey.with(store, "docs", rules, root, backwards, p -> p)) {
                assertThat(survey.next().path()).isEqualTo("b.txt");
                assertThatThrownBy(survey::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("went back");
            }
        }
    }

    @Test
    void aFifoIsUnreadableAndAFileBelowALinkIsNotThere() throws Exception {
        try (ConfigurableApplicationContext context = TestStates.open(dir.resolve("state.db"))) {
            StateStore store = context.getBean(StateStore.class);
            Path root = Files.createDirectories(dir.resolve("docs"));
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), "not ours\n");
            Files.createSymbolicLink(root.resolve("linked"), outside);
            Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.txt").toString()).start();
            boolean fifo = mkfifo.waitFor() == 0;
            store.put("docs", new LocalFile("pipe.txt", SHA_X, 1, 1), "server");
            store.put("docs", new LocalFile("linked/secret.txt", SHA_X, 1, 1), "server");

            List<Spot<Void>> spots = new ArrayList<>();
            try (Survey<Void> survey = Survey.of(store, "docs", rules, root)) {
                survey.forEachRemaining(spots::add);
                assertThat(spots).extracting(Spot::path).containsExactly("linked/secret.txt", "pipe.txt");
                assertThat(spots.get(0).local()).isEqualTo(Local.ABSENT);
                if (fifo) {
                    assertThat(spots.get(1).local().isUnknown()).isTrue();
                    assertThat(survey.unreadable()).containsKey("pipe.txt");
                }
            }
        }
    }

    private void tree(Random random, Path dir, int depth) throws IOException {
        for (String name : NAMES) {
            int kind = random.nextInt(depth < 2 ? 6 : 4);
            Path path = dir.resolve(name);
            switch (kind) {
                case 0, 1 -> { }
                case 2 -> Files.writeString(path, "text " + random.nextInt(5) + "\n", StandardCharsets.UTF_8);
                case 3 -> {
                    if (random.nextInt(3) == 0) {
                        Files.write(path, random.nextBoolean() ? new byte[] { 'a', 0, 'b' } : new byte[5000]);
                    }
                    else {
                        Files.createSymbolicLink(path, Path.of("a.txt"));
                    }
                }
                default -> tree(random, Files.createDirectories(path), depth + 1);
            }
        }
    }

    private static String randomPath(Random random) {
        String path = NAMES[random.nextInt(NAMES.length)];
        if (random.nextBoolean()) {
            path = path + "/" + NAMES[random.nextInt(NAMES.length - 1)];
        }
        return path;
    }
}
