package io.foldersync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;
import io.foldersync.reconcile.Observed;

/**
 * A power cut at every point of an apply, on a model of a journaling file system
 * ({@link CrashDisk}): after recovery, each path holds its old or its new content (never garbage,
 * never nothing where a file was), a version the plan had to keep is kept, a concurrent edit is
 * never lost, and the state database never claims a base that is not on disk.
 */
class ApplierCrashTest {

    private static final Path FOLDER = Path.of("/f");

    private static final Path A = FOLDER.resolve("a.txt");

    private static final Path B = FOLDER.resolve("sub/b.txt");

    private static final String OLD = "old content\n";

    private static final String NEW = "new content\n";

    private static final String USER = "the user's edit\n";

    /** One run: the disk after it, and whether the state database recorded the step. */
    private record Run(CrashDisk disk, List<Outcome> outcomes) {
    }

    @Test
    void replacingTheExpectedVersionLeavesOldOrNewAndTheDatabaseFollowsTheDisk() throws IOException {
        Run run = run(Map.of(A, OLD), stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOf(Outcome.Applied.class);
        assertThat(visible(run.disk().state())).containsExactly(Map.entry(A, NEW));
        everyCrash(run, OLD, (state, recorded) -> {
            assertThat(state.get(A)).isIn(OLD, NEW);
            if (recorded) {
                assertThat(state.get(A)).as("the database records only what is on disk").isEqualTo(NEW);
            }
            assertThat(state).hasSize(1);
        });
    }

    @Test
    void writingANewFileLeavesNothingOrTheNewFile() throws IOException {
        Run run = run(Map.of(), stage -> new Step.Write("sub/b.txt", stage.apply(NEW), 1L, Observed.ABSENT, false));

        assertThat(visible(run.disk().state())).containsExactly(Map.entry(B, NEW));
        everyCrash(run, null, (state, recorded) -> {
            assertThat(state.get(B)).isIn(null, NEW);
            if (recorded) {
                assertThat(state.get(B)).isEqualTo(NEW);
            }
        });
    }

    @Test
    void aVersionThePlanKeepsIsFlushedAsACopyBeforeItIsReplaced() throws IOException {
        Run run = run(Map.of(A, USER), stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(USER), true));

        Outcome.Applied applied = (Outcome.Applied) run.outcomes().get(0);
        assertThat(applied.keptAs()).isNotNull();
        assertThat(visible(run.disk().state())).containsEntry(A, NEW).containsValue(USER);
        everyCrash(run, USER, (state, recorded) -> {
            assertThat(state.get(A)).isIn(USER, NEW);
            assertThat(state.values()).as("the user's version is at its path or kept").contains(USER);
            if (recorded) {
                assertThat(state.get(A)).isEqualTo(NEW);
            }
        });
    }

    @Test
    void aDeleteLeavesTheOldFileOrNothingAndIsNotUndoneOnceRecorded() throws IOException {
        Run run = run(Map.of(B, OLD), stage -> new Step.Delete("sub/b.txt", file(OLD)));

        assertThat(visible(run.disk().state())).isEmpty();
        assertThat(run.disk().state().dirs()).as("the emptied directory goes too").doesNotContain(B.getParent());
        everyCrash(run, OLD, (state, recorded) -> {
            assertThat(state.get(B)).isIn(OLD, null);
            if (recorded) {
                assertThat(state).as("a recorded delete is not undone by recovery").doesNotContainKey(B);
            }
        });
    }

    @Test
    void aMoveLeavesTheFileAtOneOfItsTwoPaths() throws IOException {
        Run run = run(Map.of(A, OLD), stage -> new Step.Move("a.txt", "sub/b.txt", file(OLD)));

        assertThat(visible(run.disk().state())).containsExactly(Map.entry(B, OLD));
        everyCrash(run, OLD, (state, recorded) -> {
            assertThat(state.values()).as("the moved content is somewhere").contains(OLD);
            assertThat(state).hasSize(1);
            if (recorded) {
                assertThat(state).containsEntry(B, OLD);
            }
        });
    }

    @Test
    void anEditMadeBeforeTheStepIsPutBackAndNothingIsWritten() throws IOException {
        Run run = run(Map.of(A, USER), stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOfSatisfying(Outcome.Changed.class,
                changed -> assertThat(changed.found()).isEqualTo(Observed.file(TextFiles.sha256(bytes(USER)), 0)));
        assertThat(visible(run.disk().state())).containsExactly(Map.entry(A, USER));
        everyCrash(run, USER, (state, recorded) -> {
            assertThat(recorded).isFalse();
            assertThat(state).containsExactly(Map.entry(A, USER));
        });
    }

    @Test
    void anEditSavedWhileTheStepRunsWinsAndTheStepReportsIt() throws IOException {
        CrashDisk disk = disk(Map.of(A, OLD));
        disk.hook((op, path) -> {
            if (op.equals("link") && path.equals(A)) {
                disk.hook((o, p) -> { });
                disk.userWrites(A, USER); // an editor's atomic save lands between our take-out and link-in
            }
        });
        Run run = run(disk, stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOf(Outcome.Changed.class);
        assertThat(visible(disk.state())).containsExactly(Map.entry(A, USER));
        everyCrash(run, OLD, (state, recorded) -> {
            assertThat(recorded).isFalse();
            assertThat(state.get(A)).isIn(OLD, USER);
        });
    }

    @Test
    void anEditSavedAfterTheVersionWasVerifiedIsNeverReplaced() throws IOException {
        CrashDisk disk = disk(Map.of(A, OLD));
        disk.hook((op, path) -> {
            if (op.equals("rename") && path.equals(A)) {
                disk.hook((o, p) -> { });
                disk.userWrites(A, USER); // saved after we hashed the old version, before we take it out
            }
        });
        Run run = run(disk, stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOf(Outcome.Changed.class);
        assertThat(visible(disk.state())).containsExactly(Map.entry(A, USER));
        everyCrash(run, OLD, (state, recorded) -> {
            assertThat(recorded).isFalse();
            assertThat(state.get(A)).isIn(OLD, USER);
        });
    }

    @Test
    void aWriteIntoTheFileWhileItIsVerifiedIsNeverReplaced() throws IOException {
        CrashDisk disk = disk(Map.of(A, OLD));
        disk.hook((op, path) -> {
            if (op.equals("rename") && path.equals(A)) {
                disk.hook((o, p) -> { });
                disk.userAppends(A, "appended through an open file\n");
            }
        });
        Run run = run(disk, stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOf(Outcome.Changed.class);
        assertThat(visible(disk.state())).containsExactly(Map.entry(A, OLD + "appended through an open file\n"));
    }

    @Test
    void aStepThatFailsPutsEverythingBack() throws IOException {
        CrashDisk disk = disk(Map.of(A, OLD));
        disk.hook((op, path) -> {
            if (op.equals("link") && path.equals(A)) {
                disk.hook((o, p) -> { });
                throw new IOException("No space left on device");
            }
        });
        Run run = run(disk, stage -> new Step.Write("a.txt", stage.apply(NEW), 1L, file(OLD), false));

        assertThat(run.outcomes()).singleElement().isInstanceOf(Outcome.Failed.class);
        assertThat(visible(disk.state())).containsExactly(Map.entry(A, OLD));
    }

    // ------------------------------------------------------------------ harness

    /** From how many steps a batch is flushed with one sync of the file system: never here, always in {@link ApplierCrashSyncfsTest}. */
    int fileSystemSyncFrom() {
        return Integer.MAX_VALUE;
    }

    private interface Check {
        void accept(Map<Path, String> visible, boolean recorded);
    }

    private Run run(Map<Path, String> files, Function<Function<String, Staged>, Step> plan) throws IOException {
        return run(disk(files), plan);
    }

    private static CrashDisk disk(Map<Path, String> files) {
        Set<Path> dirs = new HashSet<>(Set.of(FOLDER));
        files.keySet().forEach(p -> {
            for (Path d = p.getParent(); d != null && d.startsWith(FOLDER); d = d.getParent()) {
                dirs.add(d);
            }
        });
        return new CrashDisk(new CrashDisk.State(new TreeMap<>(files), dirs));
    }

    private Run run(CrashDisk disk, Function<Function<String, Staged>, Step> plan) throws IOException {
        WorkDir work = new WorkDir(FOLDER);
        Stager stager = new Stager(disk, work);
        Step step = plan.apply(content -> {
            try {
                return stager.stage(Content.of(bytes(content)));
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        disk.mark("planned");
        Applier applier = new Applier(work, disk, keeper(disk), Long.MAX_VALUE).fileSystemSyncFrom(fileSystemSyncFrom());
        List<Outcome> outcomes = applier.apply(List.of(step), applied -> disk.mark("db"));
        return new Run(disk, outcomes);
    }

    /** Cuts the power after every event of the apply, in every way the file system allows, recovers, checks. */
    private static void everyCrash(Run run, String baseBefore, Check check) throws IOException {
        CrashDisk disk = run.disk();
        int dbAt = disk.indexOf("db");
        int cases = 0;
        for (int k = disk.indexOf("planned"); k <= disk.events(); k++) {
            boolean recorded = dbAt >= 0 && dbAt < k;
            for (CrashDisk.State state : disk.crashStates(k)) {
                CrashDisk rebooted = new CrashDisk(state);
                String base = recorded ? null : baseBefore;
                new Recovery(new WorkDir(FOLDER), rebooted, keeper(rebooted), Long.MAX_VALUE).recover(path -> base);
                Map<Path, String> after = visible(rebooted.state());
                String situation = "power cut after event " + k + " of " + disk.events() + ", recorded=" + recorded
                        + ", disk then: " + state.files() + ", after recovery: " + after;
                assertThat(after.values()).as(situation + ": never garbage").doesNotContain(CrashDisk.GARBAGE);
                assertThat(rebooted.list(new WorkDir(FOLDER).tmp())).as(situation + ": nothing left in the work dir").isEmpty();
                try {
                    check.accept(after, recorded);
                }
                catch (AssertionError e) {
                    throw new AssertionError(situation + "\n" + e.getMessage(), e);
                }
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(3);
    }

    /** Keeps a version as {@code <path>.kept-<n>} beside it, flushed. */
    private static Keeper keeper(CrashDisk disk) {
        return (taken, path, content) -> {
            for (int n = 1;; n++) {
                Path copy = FOLDER.resolve(path + ".kept-" + n);
                if (disk.link(taken, copy)) {
                    disk.forceDirectory(copy.getParent());
                    return copy.toString();
                }
            }
        };
    }

    private static Map<Path, String> visible(CrashDisk.State state) {
        Map<Path, String> files = new TreeMap<>();
        state.files().forEach((path, content) -> {
            if (!path.startsWith(FOLDER.resolve(WorkDir.NAME))) {
                files.put(path, content);
            }
        });
        return files;
    }

    private static Observed file(String content) {
        return Observed.file(TextFiles.sha256(bytes(content)), 0);
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static List<String> contents(Map<Path, String> files) {
        return new ArrayList<>(files.values());
    }
}
