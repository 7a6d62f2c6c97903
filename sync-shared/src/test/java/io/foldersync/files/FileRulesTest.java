package io.foldersync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which files of a folder are synchronised: the contract's rules, applied to a real tree in a temporary directory. */
class FileRulesTest {

    private static final long MAX_FILE_BYTES = 100;

    private static final long ONE_HOUR_AGO = System.currentTimeMillis() - 3_600_000L;

    private final FileRules rules = new FileRules(MAX_FILE_BYTES);

    @TempDir
    Path root;

    private Path folder;

    private Path outside;

    @BeforeEach
    void createFolders() throws IOException {
        folder = Files.createDirectories(root.resolve("folder"));
        outside = Files.createDirectories(root.resolve("outside"));
    }

    // ---- what a scan finds

    @Test
    void scanFindsVisibleTextFilesWithHashSizeAndMtime() throws IOException {
        write("a.txt", "hello");
        write("dir/sub/b.txt", "bee");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("a.txt", "dir/sub/b.txt");
        assertThat(scan.files().get("a.txt")).isEqualTo(new LocalFile("a.txt",
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ONE_HOUR_AGO, 5, keyOf("a.txt")));
        LocalFile b = scan.files().get("dir/sub/b.txt");
        assertThat(b.sha256()).isEqualTo(TextFilesTest.sha256("bee".getBytes(StandardCharsets.UTF_8)));
        assertThat(b.mtime()).isEqualTo(Files.getLastModifiedTime(folder.resolve("dir/sub/b.txt")).toMillis());
        assertThat(b.size()).isEqualTo(3);
        assertThat(scan.ineligible()).isEmpty();
    }

    @Test
    void aNameWhoseBytesAreNotUtf8IsNeverSynchronisedUnderAnotherName() throws Exception {
        write("plain.txt", "p");
        // Latin-1 names (caf\xe9.txt, caf\xe8.txt): both would read as caf\uFFFD.txt, a name that is neither
        Process touch = new ProcessBuilder("sh", "-c", "cd \"$0\" && printf x > \"$(printf 'caf\\351.txt')\" "
                + "&& mkdir \"$(printf 'dir\\350')\" && printf y > \"$(printf 'dir\\350/inside.txt')\"", folder.toString())
                .redirectErrorStream(true).start();
        assertThat(touch.waitFor()).as(new String(touch.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("plain.txt");
        assertThat(scan.ineligible()).containsOnlyKeys("caf\uFFFD.txt", "dir\uFFFD/inside.txt");
        assertThat(scan.ineligible().get("caf\uFFFD.txt")).contains("not valid UTF-8");
    }

    @Test
    void aNameNoPeerAcceptsIsListedAsNotSynchronisedNotSent() throws IOException {
        write("plain.txt", "p");
        write("back\\slash.txt", "b");
        write("dir\\x/inside.txt", "i");

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("plain.txt");
        assertThat(scan.ineligible()).containsOnlyKeys("back\\slash.txt", "dir\\x/inside.txt");
        assertThat(scan.ineligible().get("back\\slash.txt")).contains("backslash");
        // a walk started at the odd name itself (a watch event's path) says the same instead of failing
        FolderWalk walk = new FolderWalk(folder, "back\\slash.txt");
        assertThat(walk.hasNext()).isTrue();
        assertThat(walk.next().path()).isEqualTo("back\\slash.txt");
    }

    @Test
    void emptyFilesAreIncluded() throws IOException {
        write("empty.txt", "");

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files().get("empty.txt").sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(scan.files().get("empty.txt").size()).isZero();
    }

    @Test
    void ignoresHiddenFilesAndEverythingUnderHiddenDirectories() throws IOException {
        write("visible.txt", "v");
        write(".hidden.txt", "h");
        write(".git/config", "c");
        write(".git/objects/ab/cd", "o");
        write("dir/.cache/x.txt", "x");
        write("dir/.swp", "s");
        write(".foldersync/tmp/incoming-1.tmp", "t");
        write(".hidden-binary", "\u0000"); // hidden wins: not even reported as ineligible

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("visible.txt");
        assertThat(scan.ineligible()).isEmpty();
    }

    @Test
    void hiddenDirectoriesAboveTheFolderDoNotMatter() throws IOException {
        Path inHidden = Files.createDirectories(root.resolve(".config/app"));
        Files.writeString(inHidden.resolve("a.txt"), "a");

        assertThat(rules.scan(inHidden, FileRules.KnownHashes.NONE).files()).containsOnlyKeys("a.txt");
    }

    @Test
    void neverSynchronisesOrFollowsSymbolicLinks() throws IOException {
        write("real.txt", "real");
        write("dir/inside.txt", "inside");
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(folder.resolve("link-to-file.txt"), folder.resolve("real.txt"));
        Files.createSymbolicLink(folder.resolve("link-to-outside-file.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("link-to-dir"), folder.resolve("dir"));
        Files.createSymbolicLink(folder.resolve("link-to-outside-dir"), outside);
        Files.createSymbolicLink(folder.resolve("dangling.txt"), folder.resolve("nothing-here"));

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("real.txt", "dir/inside.txt");
        assertThat(scan.ineligible()).isEmpty();
    }

    @Test
    void inspectingASymbolicLinkFindsNothing() throws IOException {
        write("real.txt", "real");
        Files.createSymbolicLink(folder.resolve("link.txt"), folder.resolve("real.txt"));
        Files.createSymbolicLink(folder.resolve("link-dir"), outside);
        Files.writeString(outside.resolve("x.txt"), "x");

        assertThat(rules.inspect(folder, "link.txt", FileRules.KnownHashes.NONE)).isEmpty();
        assertThat(rules.inspect(folder, "link-dir", FileRules.KnownHashes.NONE)).isEmpty();
        assertThat(rules.scan(folder, folder.resolve("link-dir"), FileRules.KnownHashes.NONE).files()).isEmpty();
    }

    @Test
    void inspectingAFileBelowASymbolicallyLinkedDirectoryFindsNothing() throws IOException {
        Files.createSymbolicLink(folder.resolve("link-dir"), outside);
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("x.txt"), "x");
        Files.writeString(outside.resolve("sub/y.txt"), "y");

        assertThat(rules.inspect(folder, "link-dir/x.txt", FileRules.KnownHashes.NONE)).isEmpty();
        assertThat(rules.scan(folder, folder.resolve("link-dir/sub"), FileRules.KnownHashes.NONE).files()).isEmpty();
    }

    @Test
    void binaryAndTooLargeFilesAreListedAsIneligibleWithAReason() throws IOException {
        write("nul.txt", "text\u0000more");
        Files.write(folder.resolve("latin1.txt"), "café".getBytes(StandardCharsets.ISO_8859_1));
        write("big.txt", "x".repeat((int) MAX_FILE_BYTES + 1));
        write("just-fits.txt", "x".repeat((int) MAX_FILE_BYTES));

        Scan scan = rules.scan(folder, FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("just-fits.txt");
        assertThat(scan.ineligible()).containsOnlyKeys("nul.txt", "latin1.txt", "big.txt");
        assertThat(scan.ineligible().get("nul.txt")).contains("not text");
        assertThat(scan.ineligible().get("latin1.txt")).contains("not text");
        assertThat(scan.ineligible().get("big.txt")).contains("larger than max-file-bytes");
    }

    @Test
    void aFileWithATextExtensionIsStillBinaryByContent() throws IOException {
        Files.write(folder.resolve("readme.md"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });

        assertThat(rules.scan(folder, FileRules.KnownHashes.NONE).ineligible()).containsKey("readme.md");
    }

    @Test
    void scanOfAPartOfTheFolderReportsPathsRelativeToTheFolder() throws IOException {
        write("a.txt", "a");
        write("dir/b.txt", "b");
        write("dir/sub/c.txt", "c");

        Scan scan = rules.scan(folder, folder.resolve("dir"), FileRules.KnownHashes.NONE);

        assertThat(scan.files()).containsOnlyKeys("dir/b.txt", "dir/sub/c.txt");
    }

    @Test
    void scanOfAMissingStartIsEmpty() throws IOException {
        Scan scan = rules.scan(folder, folder.resolve("gone"), FileRules.KnownHashes.NONE);

        assertThat(scan.files()).isEmpty();
        assertThat(scan.ineligible()).isEmpty();
    }

    @Test
    void inspectFindsOneQualifyingFile() throws IOException {
        write("dir/b.txt", "bee");
        write("dir/bin", "\u0000");

        assertThat(rules.inspect(folder, "dir/b.txt", FileRules.KnownHashes.NONE))
                .hasValueSatisfying(file -> assertThat(file.size()).isEqualTo(3));
        assertThat(rules.inspect(folder, "dir/bin", FileRules.KnownHashes.NONE)).isEmpty();
        assertThat(rules.inspect(folder, "dir/missing.txt", FileRules.KnownHashes.NONE)).isEmpty();
    }

    @Test
    void inspectRefusesAnInvalidPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> rules.inspect(folder, "../outside/x", FileRules.KnownHashes.NONE));
        assertThatIllegalArgumentException().isThrownBy(() -> rules.inspect(folder, ".git/config", FileRules.KnownHashes.NONE));
    }

    // ---- reuse of known hashes

    @Test
    void reusesAKnownHashWhenSizeAndMtimeAreUnchangedAndOldEnough() throws IOException {
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));
        List<String> asked = new ArrayList<>();
        FileRules.KnownHashes known = path -> {
            asked.add(path);
            return new LocalFile(path, "fake-sha-proves-the-file-was-not-read", ONE_HOUR_AGO, 5);
        };

        Scan scan = rules.scan(folder, known);

        assertThat(asked).containsExactly("a.txt");
        assertThat(scan.files().get("a.txt")).isEqualTo(
                new LocalFile("a.txt", "fake-sha-proves-the-file-was-not-read", ONE_HOUR_AGO, 5, keyOf("a.txt")));
    }

    @Test
    void reusesAKnownHashOfTheSameFileAndHashesACopyPutInItsPlaceWithTheSameSizeAndMtime() throws IOException {
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));
        LocalFile recorded = new LocalFile("a.txt", "fake-sha-of-the-recorded-file", ONE_HOUR_AGO, 5, keyOf("a.txt"));
        assertThat(rules.scan(folder, path -> recorded).files().get("a.txt").sha256())
                .isEqualTo("fake-sha-of-the-recorded-file");

        // cp -p / rsync -a style: other content, same size, same mtime, renamed into place
        write("copy.tmp", "world");
        Files.setLastModifiedTime(folder.resolve("copy.tmp"), FileTime.fromMillis(ONE_HOUR_AGO));
        Files.move(folder.resolve("copy.tmp"), folder.resolve("a.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        LocalFile found = rules.scan(folder, path -> recorded).files().get("a.txt");
        assertThat(found.sha256()).isEqualTo(TextFilesTest.sha256("world".getBytes(StandardCharsets.UTF_8)));
        assertThat(found.fileKey()).isEqualTo(keyOf("a.txt")).isNotEqualTo(recorded.fileKey());
    }

    @Test
    void aRecordedHashWithoutAFileKeyIsTrustedOnSizeAndMtimeAsBefore() throws IOException {
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));
        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake-sha-from-an-older-row", ONE_HOUR_AGO, 5));
        assertThat(scan.files().get("a.txt").sha256()).isEqualTo("fake-sha-from-an-older-row");
    }

    private String keyOf(String path) throws IOException {
        return LocalFile.keyOf(Files.readAttributes(folder.resolve(path), java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void rehashesWhenTheKnownSizeDiffers() throws IOException {
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));

        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake", ONE_HOUR_AGO, 4));

        assertThat(scan.files().get("a.txt").sha256()).isEqualTo(TextFilesTest.sha256("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rehashesWhenTheKnownMtimeDiffers() throws IOException {
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(ONE_HOUR_AGO));

        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake", ONE_HOUR_AGO - 1000, 5));

        assertThat(scan.files().get("a.txt").sha256()).isNotEqualTo("fake");
    }

    @Test
    void doesNotTrustAKnownHashForAFileModifiedWithinTheLastTwoSeconds() throws IOException {
        long now = System.currentTimeMillis();
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(now));

        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake", now, 5));

        assertThat(scan.files().get("a.txt").sha256()).isNotEqualTo("fake");
    }

    @Test
    void doesNotTrustAKnownHashForAFileWithAnMtimeInTheFuture() throws IOException {
        long future = System.currentTimeMillis() + 3_600_000L;
        write("a.txt", "hello");
        Files.setLastModifiedTime(folder.resolve("a.txt"), FileTime.fromMillis(future));

        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake", future, 5));

        assertThat(scan.files().get("a.txt").sha256()).isNotEqualTo("fake");
    }

    @Test
    void tooLargeFileIsIneligibleEvenWithAKnownHash() throws IOException {
        write("big.txt", "x".repeat((int) MAX_FILE_BYTES + 1));
        Files.setLastModifiedTime(folder.resolve("big.txt"), FileTime.fromMillis(ONE_HOUR_AGO));

        Scan scan = rules.scan(folder, path -> new LocalFile(path, "fake", ONE_HOUR_AGO, MAX_FILE_BYTES + 1));

        assertThat(scan.files()).isEmpty();
        assertThat(scan.ineligible()).containsKey("big.txt");
    }

    // ---- visibility

    @ParameterizedTest
    @CsvSource({
            "a.txt,            true",
            "a/b.txt,          true",
            "a.b/c.d,          true",
            "ü/ñ.txt,          true",
            ".a,               false",
            ".git/config,      false",
            "a/.b,             false",
            "a/.b/c.txt,       false",
            ".foldersync/tmp/x, false",
    })
    void isVisibleWhenNoSegmentStartsWithADot(String path, boolean visible) {
        assertThat(FileRules.isVisible(path)).isEqualTo(visible);
    }

    private void write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
