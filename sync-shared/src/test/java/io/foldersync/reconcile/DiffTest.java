package io.foldersync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.foldersync.files.LocalFile;

/** "What was" against "what is": content is the witness that turns a delete plus a create into a move. */
class DiffTest {

    private static final String X = "1".repeat(64);

    private static final String Y = "2".repeat(64);

    private static final String Z = "3".repeat(64);

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void nothingChangedGivesNoChanges() {
        Map<String, LocalFile> files = tree(f("a.txt", X), f("b/c.txt", Y));

        assertThat(Diff.between(files, tree(f("a.txt", X, 999), f("b/c.txt", Y)))).isEmpty();
        assertThat(Diff.between(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void newFileIsAnUpdateWithoutPreviousContent() {
        LocalFile created = f("new.txt", X);

        assertThat(Diff.between(Map.of(), tree(created))).containsExactly(Change.updated(created, null));
    }

    @Test
    void modifiedFileIsAnUpdateCarryingThePreviousContent() {
        LocalFile now = f("a.txt", Y);

        assertThat(Diff.between(tree(f("a.txt", X)), tree(now))).containsExactly(
                new Change(Change.Kind.UPDATED, "a.txt", null, now, X));
    }

    @Test
    void onlyATouchedMtimeIsNoChange() {
        assertThat(Diff.between(tree(f("a.txt", X, 1)), tree(f("a.txt", X, 2)))).isEmpty();
    }

    @Test
    void deletedFileIsADeleteCarryingTheDeletedContent() {
        assertThat(Diff.between(tree(f("a.txt", X)), Map.of())).containsExactly(
                new Change(Change.Kind.DELETED, "a.txt", null, null, X));
    }

    @Test
    void renameIsAMoveNotADeletePlusACreate() {
        LocalFile renamed = f("b.txt", X);

        assertThat(Diff.between(tree(f("a.txt", X)), tree(renamed))).containsExactly(
                new Change(Change.Kind.MOVED, "b.txt", "a.txt", renamed, X));
    }

    @Test
    void directoryRenameMovesEveryFile() {
        Map<String, LocalFile> before = tree(f("old/a.txt", X), f("old/b.txt", Y), f("old/sub/c.txt", Z),
                f("old/empty1.txt", EMPTY), f("old/empty2.txt", EMPTY), f("stays.txt", X));
        Map<String, LocalFile> after = tree(f("new/a.txt", X), f("new/b.txt", Y), f("new/sub/c.txt", Z),
                f("new/empty1.txt", EMPTY), f("new/empty2.txt", EMPTY), f("stays.txt", X));

        List<Change> changes = Diff.between(before, after);

        assertThat(changes).extracting(Change::kind).containsOnly(Change.Kind.MOVED);
        assertThat(changes).extracting(change -> change.from() + " -> " + change.path()).containsExactly(
                "old/a.txt -> new/a.txt",
                "old/b.txt -> new/b.txt",
                "old/empty1.txt -> new/empty1.txt",
                "old/empty2.txt -> new/empty2.txt",
                "old/sub/c.txt -> new/sub/c.txt");
    }

    @Test
    void moveBetweenDirectoriesPrefersTheSourceWithTheSameFileName() {
        // two removed files with the same content: the one named like the new file is its source
        Map<String, LocalFile> before = tree(f("d1/a.txt", X), f("d1/z.txt", X));
        Map<String, LocalFile> after = tree(f("d2/z.txt", X));

        List<Change> changes = Diff.between(before, after);

        assertThat(changes).containsExactly(
                Change.moved("d1/z.txt", f("d2/z.txt", X)),
                Change.deleted("d1/a.txt", X));
    }

    @Test
    void sameContentAtTwoNewPathsIsOneMoveAndOneNewFile() {
        Map<String, LocalFile> before = tree(f("a.txt", X));
        Map<String, LocalFile> after = tree(f("b.txt", X), f("c.txt", X));

        List<Change> changes = Diff.between(before, after);

        assertThat(changes).containsExactly(
                Change.moved("a.txt", f("b.txt", X)),
                Change.updated(f("c.txt", X), null));
    }

    @Test
    void copyOfAFileThatStaysIsANewFileNotAMove() {
        Map<String, LocalFile> before = tree(f("a.txt", X));
        Map<String, LocalFile> after = tree(f("a.txt", X), f("copy.txt", X));

        assertThat(Diff.between(before, after)).containsExactly(Change.updated(f("copy.txt", X), null));
    }

    @Test
    void renamedAndEditedIsADeletePlusANewFile() {
        Map<String, LocalFile> before = tree(f("a.txt", X));
        Map<String, LocalFile> after = tree(f("b.txt", Y));

        assertThat(Diff.between(before, after)).containsExactly(
                Change.updated(f("b.txt", Y), null),
                Change.deleted("a.txt", X));
    }

    @Test
    void swappedContentsAreTwoUpdates() {
        Map<String, LocalFile> before = tree(f("a.txt", X), f("b.txt", Y));
        Map<String, LocalFile> after = tree(f("a.txt", Y), f("b.txt", X));

        assertThat(Diff.between(before, after)).containsExactly(
                Change.updated(f("a.txt", Y), X),
                Change.updated(f("b.txt", X), Y));
    }

    @Test
    void aDeleteThatClearsTheWayForANewPathGoesFirst() {
        // g.txt became a directory, dir became a file, old.txt simply went
        Map<String, LocalFile> before = tree(f("g.txt", X), f("dir/inner.txt", Y), f("dir/sub/deep.txt", Z),
                f("old.txt", "o1".repeat(32)));
        Map<String, LocalFile> after = tree(f("g.txt/inner.txt", "n1".repeat(32)), f("dir", "n2".repeat(32)));

        assertThat(Diff.between(before, after)).extracting(change -> change.kind() + " " + change.path()).containsExactly(
                "DELETED dir/inner.txt",
                "DELETED dir/sub/deep.txt",
                "DELETED g.txt",
                "UPDATED dir",
                "UPDATED g.txt/inner.txt",
                "DELETED old.txt");
    }

    @Test
    void ordersMovesThenUpdatesThenDeletesEachByPath() {
        Map<String, LocalFile> before = tree(
                f("gone-b.txt", Y), f("gone-a.txt", Z),
                f("old/m2.txt", "m2".repeat(32)), f("old/m1.txt", "m1".repeat(32)),
                f("edit-b.txt", X), f("edit-a.txt", X));
        Map<String, LocalFile> after = tree(
                f("z-new.txt", "n1".repeat(32)), f("a-new.txt", "n2".repeat(32)),
                f("new/m2.txt", "m2".repeat(32)), f("new/m1.txt", "m1".repeat(32)),
                f("edit-b.txt", "e2".repeat(32)), f("edit-a.txt", "e1".repeat(32)));

        List<Change> changes = Diff.between(before, after);

        assertThat(changes).extracting(change -> change.kind() + " " + change.path()).containsExactly(
                "MOVED new/m1.txt",
                "MOVED new/m2.txt",
                "UPDATED a-new.txt",
                "UPDATED edit-a.txt",
                "UPDATED edit-b.txt",
                "UPDATED z-new.txt",
                "DELETED gone-a.txt",
                "DELETED gone-b.txt");
    }

    private static LocalFile f(String path, String sha) {
        return f(path, sha, 1_700_000_000_000L);
    }

    private static LocalFile f(String path, String sha, long mtime) {
        return new LocalFile(path, sha, mtime, 10);
    }

    private static Map<String, LocalFile> tree(LocalFile... files) {
        Map<String, LocalFile> tree = new HashMap<>();
        for (LocalFile file : files) {
            tree.put(file.path(), file);
        }
        return tree;
    }
}
