package io.foldersync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;
import io.foldersync.reconcile.Observed;

/** The applier on the real file system: what each step does, and what it refuses to do. */
class ApplierTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path root;

    private Path folder;

    private Path outside;

    private Stager stager;

    private Applier applier;

    private final List<String> kept = new ArrayList<>();

    private final List<Outcome.Applied> recorded = new ArrayList<>();

    @BeforeEach
    void createFolders() throws IOException {
        folder = Files.createDirectories(root.resolve("folder")).toRealPath();
        outside = Files.createDirectories(root.resolve("outside"));
        WorkDir work = new WorkDir(folder);
        stager = new Stager(NioDisk.INSTANCE, work);
        applier = new Applier(work, NioDisk.INSTANCE, (taken, path, content) -> {
            Path copy = folder.resolve(path + ".kept");
            Files.createLink(copy, taken);
            kept.add(path);
            return copy.toString();
        }, Long.MAX_VALUE);
    }

    @Test
    void writesANewFileWithItsMtimeCreatingItsDirectories() throws IOException {
        Outcome outcome = apply(new Step.Write("a/b/c.txt", stage("hello"), MTIME, Observed.ABSENT, false));

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(Files.readString(folder.resolve("a/b/c.txt"))).isEqualTo("hello");
        assertThat(Files.getLastModifiedTime(folder.resolve("a/b/c.txt")).toMillis()).isEqualTo(MTIME);
        assertThat(recorded).hasSize(1);
        assertThat(workFiles()).as("no staged, taken or journal file stays behind").isEmpty();
    }

    @Test
    void replacesTheVersionThePlanExpected() throws IOException {
        write("a.txt", "old");
        Outcome outcome = apply(new Step.Write("a.txt", stage("new"), MTIME, file("old"), false));

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("new");
        assertThat(workFiles()).isEmpty();
    }

    @Test
    void aNewVersionKeepsTheModeOfTheFileItReplaces() throws IOException {
        write("run.sh", "echo old\n");
        write("secret.txt", "old secret\n");
        Files.setPosixFilePermissions(folder.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(folder.resolve("secret.txt"), PosixFilePermissions.fromString("rw-------"));
        List<Outcome> outcomes = applier.apply(List.of(
                new Step.Write("run.sh", stage("echo new\n"), MTIME, file("echo old\n"), false),
                new Step.Write("secret.txt", stage("new secret\n"), MTIME, file("old secret\n"), false),
                new Step.Write("fresh.txt", stage("new file\n"), MTIME, Observed.ABSENT, false)), recorded::addAll);

        assertThat(outcomes).allMatch(o -> o instanceof Outcome.Applied);
        assertThat(Files.readString(folder.resolve("run.sh"))).isEqualTo("echo new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("run.sh")))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("secret.txt"))))
                .isEqualTo("rw-------");
        // a new file gets the process's default mode
        assertThat(Files.getPosixFilePermissions(folder.resolve("fresh.txt"))).contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void aNewVersionKeepsTheOwnerOfTheFileItReplacesWhenRunAsRoot() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root may give a file to another user").isEqualTo("root");
        int nobody = 65534;
        write("alice.txt", "alice's v1\n");
        Files.setAttribute(folder.resolve("alice.txt"), "unix:uid", nobody);
        Files.setAttribute(folder.resolve("alice.txt"), "unix:gid", nobody);
        Outcome outcome = apply(new Step.Write("alice.txt", stage("v2 from a client\n"), MTIME, file("alice's v1\n"), false));

        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(Files.readString(folder.resolve("alice.txt"))).isEqualTo("v2 from a client\n");
        assertThat(Files.getAttribute(folder.resolve("alice.txt"), "unix:uid")).isEqualTo(nobody);
        assertThat(Files.getAttribute(folder.resolve("alice.txt"), "unix:gid")).isEqualTo(nobody);
    }

    @Test
    void anEditTheDecisionDidNotSeeIsPutBackAndNothingIsRecorded() throws IOException {
        write("a.txt", "edited by the user a moment ago");
        Staged staged = stage("new");
        Outcome outcome = apply(new Step.Write("a.txt", staged, MTIME, file("old"), false));

        assertThat(outcome).isInstanceOf(Outcome.Changed.class);
        assertThat(((Outcome.Changed) outcome).found()).isEqualTo(file("edited by the user a moment ago"));
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("edited by the user a moment ago");
        assertThat(recorded).isEmpty();
        assertThat(staged.file()).as("content not applied stays for the caller to decide again").exists();
    }

    @Test
    void aVersionToKeepIsHandedToTheKeeperBeforeItIsReplaced() throws IOException {
        write("a.txt", "mine");
        Outcome outcome = apply(new Step.Write("a.txt", stage("theirs"), MTIME, file("mine"), true));

        assertThat(((Outcome.Applied) outcome).keptAs()).endsWith("a.txt.kept");
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("theirs");
        assertThat(Files.readString(folder.resolve("a.txt.kept"))).isEqualTo("mine");
    }

    @Test
    void deletesTheExpectedFileAndTheDirectoriesLeftEmpty() throws IOException {
        write("a/b/c.txt", "x");
        write("a/keep.txt", "y");
        assertThat(apply(new Step.Delete("a/b/c.txt", file("x")))).isInstanceOf(Outcome.Applied.class);

        assertThat(folder.resolve("a/b")).doesNotExist();
        assertThat(folder.resolve("a/keep.txt")).exists();
    }

    @Test
    void aDeleteOfAnEditedFileChangesNothing() throws IOException {
        write("a.txt", "edited");
        assertThat(apply(new Step.Delete("a.txt", file("original")))).isInstanceOf(Outcome.Changed.class);
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("edited");
    }

    @Test
    void aDeleteOfAFileAlreadyGoneIsDone() throws IOException {
        assertThat(apply(new Step.Delete("gone.txt", file("x")))).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void movesKeepContentAndMtimeAndRemoveEmptySourceDirectories() throws IOException {
        write("a/b.txt", "moved");
        Files.setLastModifiedTime(folder.resolve("a/b.txt"), FileTime.fromMillis(MTIME));

        assertThat(apply(new Step.Move("a/b.txt", "c/d.txt", file("moved")))).isInstanceOf(Outcome.Applied.class);

        assertThat(Files.readString(folder.resolve("c/d.txt"))).isEqualTo("moved");
        assertThat(Files.getLastModifiedTime(folder.resolve("c/d.txt")).toMillis()).isEqualTo(MTIME);
        assertThat(folder.resolve("a")).doesNotExist();
    }

    @Test
    void aMoveOntoAnExistingFileChangesNothing() throws IOException {
        write("a.txt", "source");
        write("b.txt", "someone's file");

        assertThat(apply(new Step.Move("a.txt", "b.txt", file("source")))).isInstanceOf(Outcome.Changed.class);
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("source");
        assertThat(Files.readString(folder.resolve("b.txt"))).isEqualTo("someone's file");
    }

    @Test
    void keepsAFileAsideLeavingThePathFree() throws IOException {
        write("a.txt", "local-only");
        assertThat(apply(new Step.KeepAside("a.txt", file("local-only")))).isInstanceOf(Outcome.Applied.class);
        assertThat(folder.resolve("a.txt")).doesNotExist();
        assertThat(Files.readString(folder.resolve("a.txt.kept"))).isEqualTo("local-only");
    }

    // ---- refusals: trouble with one path fails that step and changes nothing

    @Test
    void refusesToWriteThroughASymbolicallyLinkedDirectory() throws IOException {
        Files.createSymbolicLink(folder.resolve("linked"), outside);
        Outcome outcome = apply(new Step.Write("linked/a.txt", stage("x"), MTIME, Observed.ABSENT, false));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(outside.resolve("a.txt")).doesNotExist();
    }

    @Test
    void aDirectorySeenInOneBatchIsLookedAtAgainInTheNext() throws IOException {
        assertThat(apply(new Step.Write("d/one.txt", stage("one"), MTIME, Observed.ABSENT, false)))
                .isInstanceOf(Outcome.Applied.class);
        // between two batches, the directory is replaced by a link to a place outside the folder
        Files.move(folder.resolve("d"), root.resolve("moved-away"));
        Files.createSymbolicLink(folder.resolve("d"), outside);

        Outcome outcome = apply(new Step.Write("d/two.txt", stage("two"), MTIME, Observed.ABSENT, false));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(outside.resolve("two.txt")).doesNotExist();
    }

    @Test
    void aBatchOfManyStepsIsFlushedAsOneAndAppliesEveryStep() throws IOException {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < Applier.FILE_SYSTEM_SYNC_FROM * 3; i++) {
            steps.add(new Step.Write("many/d" + (i % 4) + "/f" + i + ".txt", stage("content " + i), MTIME, Observed.ABSENT, false));
        }

        List<Outcome> outcomes = applier.apply(steps, recorded::addAll);

        assertThat(outcomes).allMatch(o -> o instanceof Outcome.Applied);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(folder.resolve("many/d" + (i % 4) + "/f" + i + ".txt")).hasContent("content " + i);
        }
        assertThat(recorded).hasSize(steps.size());
        assertThat(NioDisk.INSTANCE.list(new WorkDir(folder).tmp())).as("staged names, journal: all gone").isEmpty();
    }

    @Test
    void neverReplacesOrFollowsASymbolicLinkAtThePath() throws IOException {
        Path target = Files.writeString(outside.resolve("target.txt"), "outside");
        Files.createSymbolicLink(folder.resolve("a.txt"), target);

        assertThat(apply(new Step.Write("a.txt", stage("x"), MTIME, Observed.ABSENT, false))).isInstanceOf(Outcome.Failed.class);
        assertThat(Files.isSymbolicLink(folder.resolve("a.txt"))).isTrue();
        assertThat(Files.readString(target)).isEqualTo("outside");
    }

    @Test
    void aDirectoryInTheWayFailsTheStepAndStays() throws IOException {
        write("a.txt/inside.txt", "x");
        assertThat(apply(new Step.Write("a.txt", stage("x"), MTIME, Observed.ABSENT, false))).isInstanceOf(Outcome.Failed.class);
        assertThat(folder.resolve("a.txt/inside.txt")).exists();
    }

    @Test
    void aFifoInTheWayIsNeverOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe.txt").toString()).start();
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo available").isTrue();

        assertThat(apply(new Step.Write("pipe.txt", stage("x"), MTIME, Observed.ABSENT, false))).isInstanceOf(Outcome.Failed.class);
        assertThat(Files.isRegularFile(folder.resolve("pipe.txt"))).isFalse();
    }

    @Test
    void refusesPathsThatEscapeTheFolderOrEnterItsWorkDirectory() throws IOException {
        for (String path : List.of("../outside/x.txt", ".foldersync/tmp/x.txt", "/etc/passwd")) {
            assertThat(apply(new Step.Write(path, stage("x"), MTIME, Observed.ABSENT, false))).as(path)
                    .isInstanceOf(Outcome.Failed.class);
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void recoveryPutsATakenFileBackWhereItBelongs() throws IOException {
        // what a power cut between taking a.txt out and linking the new content in leaves behind
        write("a.txt", "the user's text");
        WorkDir work = new WorkDir(folder);
        Path taken = work.tmp().resolve(WorkDir.TAKEN_PREFIX + "1");
        Files.createDirectories(work.tmp());
        Journal.write(NioDisk.INSTANCE, work.newJournal(),
                List.of(new Journal.Entry("WRITE", taken.getFileName().toString(), "a.txt", null, "0".repeat(64), false)), true);
        Files.move(folder.resolve("a.txt"), taken);

        int recovered = new Recovery(work, NioDisk.INSTANCE, (t, p, c) -> "kept", Long.MAX_VALUE).recover(p -> null);

        assertThat(recovered).isEqualTo(1);
        assertThat(Files.readString(folder.resolve("a.txt"))).isEqualTo("the user's text");
        assertThat(workFiles()).isEmpty();
    }

    // ---- helpers

    private Outcome apply(Step step) throws IOException {
        return applier.apply(List.of(step), recorded::addAll).get(0);
    }

    private Staged stage(String content) throws IOException {
        return stager.stage(Content.of(content.getBytes(StandardCharsets.UTF_8)));
    }

    private void write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Observed file(String content) {
        return Observed.file(TextFiles.sha256(content.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private List<String> workFiles() throws IOException {
        Path tmp = new WorkDir(folder).tmp();
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (var files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
