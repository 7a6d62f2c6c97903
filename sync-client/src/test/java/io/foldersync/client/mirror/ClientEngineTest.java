package io.foldersync.client.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.foldersync.client.link.Uplink;
import io.foldersync.files.FileRules;
import io.foldersync.files.FolderEvent;
import io.foldersync.files.TextFiles;
import io.foldersync.files.Troubles;
import io.foldersync.link.Outgoing;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.transfer.CompressionMode;
import io.foldersync.transfer.Decoder;
import io.foldersync.transfer.Encoder;
import io.foldersync.transfer.Transfers;
import io.foldersync.protocol.ManifestEntry;
import io.foldersync.protocol.Manifests;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.state.StateStore;
import io.foldersync.state.TestStates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The client's engine without a socket: real folder, real SQLite state, and an uplink that only
 * collects what the engine would send, so each rule can be checked message by message.
 */
class ClientEngineTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @TempDir
    static Path stateDir;

    /** One state database for the class (a Spring context takes a second or two); emptied before each test. */
    private static ConfigurableApplicationContext state;

    private static StateStore store;

    private Path root;

    private final CollectingUplink uplink = new CollectingUplink();

    private ClientSync sync;

    @BeforeAll
    static void open() {
        state = TestStates.open(stateDir.resolve("state.db"));
        store = state.getBean(StateStore.class);
    }

    @AfterAll
    static void close() {
        state.close();
    }

    @BeforeEach
    void start() throws IOException {
        store.forgetEverything();
        for (String setting : List.of(Mirror.FOLDER_SETTING, Mirror.SERVER_SETTING, Mirror.LOCAL_FOLDER_SETTING,
                Mirror.ESTABLISHED_SETTING)) {
            store.removeSetting(setting);
        }
        root = Files.createDirectories(dir.resolve("mirror")).toRealPath();
        sync = new ClientSync("tester", root, new FileRules(1L << 30), store, new SyncMeters(new SimpleMeterRegistry()),
                Limits.of(1 << 20, 1L << 30), Clock.systemUTC(), uplink, new Troubles(Clock.systemUTC()), Runnable::run,
                new Transfers(new Encoder(Limits.of(1 << 20, 1L << 30), dir.resolve("spool")), new Decoder(Limits.of(1 << 20, 1L << 30), dir.resolve("spool")),
                        CompressionMode.AUTO));
        sync.connected("docs", "server-1");
        uplink.sent.clear();
    }

    @Test
    void aPushedFileIsWrittenRecordedAndNeverEchoedBack() throws IOException {
        push("a.txt", "from the server\n", null);

        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("from the server\n");
        assertThat(store.get("docs", "a.txt")).hasValueSatisfying(s -> assertThat(s.sha256()).isEqualTo(sha("from the server\n")));
        sync.onLocalEvents(List.of(new FolderEvent("a.txt", FolderEvent.Kind.MODIFIED)));
        assertThat(frames()).as("no echo").isEmpty();
    }

    @Test
    void quickSavesEachBuildOnTheContentSentBefore() throws IOException {
        push("a.txt", "v0\n", null);

        save("a.txt", "v1\n");
        SyncMessage.FileUpdate first = (SyncMessage.FileUpdate) single(frames());
        assertThat(first.baseSha256()).isEqualTo(sha("v0\n"));

        save("a.txt", "v2\n");
        SyncMessage.FileUpdate second = (SyncMessage.FileUpdate) single(frames());
        assertThat(second.baseSha256()).as("an edit of v1, which is on its way").isEqualTo(sha("v1\n"));

        sync.ack(new SyncMessage.Ack(first.id(), "docs", "a.txt", sha("v1\n"), MTIME));
        assertThat(store.get("docs", "a.txt").orElseThrow().sha256()).as("the acknowledged content is the base")
                .isEqualTo(sha("v1\n"));

        save("a.txt", "v3\n");
        SyncMessage.FileUpdate third = (SyncMessage.FileUpdate) single(frames());
        assertThat(third.baseSha256()).as("v2 is still unanswered").isEqualTo(sha("v2\n"));
    }

    @Test
    void aPushCrossingAnUnsentLocalEditSendsTheEditFirstAndWritesNothing() throws IOException {
        push("a.txt", "v0\n", null);
        Files.writeString(root.resolve("a.txt"), "edited here\n");

        push("a.txt", "edited on the server\n", sha("v0\n"));

        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("edited here\n");
        SyncMessage.FileUpdate sent = (SyncMessage.FileUpdate) single(frames());
        assertThat(sent.sha256()).isEqualTo(sha("edited here\n"));
        assertThat(sent.baseSha256()).isEqualTo(sha("v0\n"));
    }

    @Test
    void aServerDeleteRemovesUnchangedFilesAndKeepsEditedOnes() throws IOException {
        push("keep.txt", "v0\n", null);
        push("gone.txt", "v0\n", null);
        Files.writeString(root.resolve("keep.txt"), "edited here\n");

        sync.fileDelete(new SyncMessage.FileDelete(null, "docs", "gone.txt", sha("v0\n")));
        sync.fileDelete(new SyncMessage.FileDelete(null, "docs", "keep.txt", sha("v0\n")));

        assertThat(root.resolve("gone.txt")).doesNotExist();
        assertThat(Files.readString(root.resolve("keep.txt"))).isEqualTo("edited here\n");
        assertThat(store.get("docs", "keep.txt")).as("a local-only file now").isEmpty();
    }

    @Test
    void leavingAFolderSendsItsEditsThereRemovesTheRestAndForgetsItsBasesWhenDone() throws IOException {
        push("same.txt", "v0\n", null);
        push("edited.txt", "v0\n", null);
        Files.writeString(root.resolve("edited.txt"), "edited before the switch\n");

        sync.folderChanged(new SyncMessage.FolderChanged("notes"));

        assertThat(root.resolve("same.txt")).doesNotExist();
        List<SyncMessage> out = frames();
        SyncMessage.FileUpdate edit = (SyncMessage.FileUpdate) out.stream().filter(m -> m instanceof SyncMessage.FileUpdate)
                .findFirst().orElseThrow();
        assertThat(edit.folder()).isEqualTo("docs");
        assertThat(out).anyMatch(m -> m instanceof SyncMessage.ManifestRequest r && "notes".equals(r.folder()));
        assertThat(root.resolve("edited.txt")).as("until the server has it").exists();
        assertThat(store.folders()).contains("docs");

        sync.ack(new SyncMessage.Ack(edit.id(), "docs", "edited.txt", edit.sha256(), MTIME));

        assertThat(root.resolve("edited.txt")).doesNotExist();
        assertThat(store.folders()).doesNotContain("docs");
    }

    @Test
    void onANewDatabaseDifferingContentGoesToTheServerAsAConflict() throws IOException {
        Files.writeString(root.resolve("x.txt"), "mine\n");
        manifest(entry("x.txt", "theirs\n"));

        SyncMessage.FileUpdate sent = (SyncMessage.FileUpdate) single(frames());
        assertThat(sent.path()).isEqualTo("x.txt");
        assertThat(sent.baseSha256()).isNull();
    }

    @Test
    void anEstablishedClientKeepsALocalFileWithoutBaseAsideAndNeverSendsIt() throws IOException {
        manifest(); // the first reconcile: from now on, no base means the user's own file
        Files.writeString(root.resolve("x.txt"), "my own file\n");
        manifest(entry("x.txt", "the server's new file\n"));

        List<SyncMessage> out = frames();
        assertThat(out).noneMatch(m -> m instanceof SyncMessage.FileUpdate);
        assertThat(out).anyMatch(m -> m instanceof SyncMessage.FileRequest r && r.paths().contains("x.txt"));
        assertThat(root.resolve("x.txt")).doesNotExist();
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("x.sync-conflict-") && name.endsWith(".txt"));
        }
    }

    @Test
    void aManifestNotInPathOrderIsFoundOutAndDecidedWholeSorted() throws IOException {
        Files.writeString(root.resolve("a.txt"), "same\n");
        Files.writeString(root.resolve("b.txt"), "mine\n");
        // another server's order: b, c, a (ours sends path order, which the reconcile merges in one pass)
        List<ManifestEntry> list = List.of(entry("b.txt", "theirs\n"), entry("c.txt", "new\n"), entry("a.txt", "same\n"));
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        for (ManifestEntry entry : list) {
            Manifests.write(content, entry); // as sent, unlike Manifests.encode, which sorts
        }
        sync.manifest(new SyncMessage.Manifest("docs", Manifests.digest(list), list.size()), Content.of(content.toByteArray()));

        List<SyncMessage> out = frames();
        assertThat(out).filteredOn(m -> m instanceof SyncMessage.FileRequest).singleElement()
                .satisfies(m -> assertThat(((SyncMessage.FileRequest) m).paths()).containsExactly("c.txt"));
        assertThat(out).anyMatch(m -> m instanceof SyncMessage.FileUpdate u && u.path().equals("b.txt"));
        assertThat(store.get("docs", "a.txt")).as("the entry read after the disorder was decided too").isPresent();
    }

    @Test
    void filesOnTheirWayAreNotAskedForAgainUntilTheConnectionIsLost() throws IOException {
        manifest(entry("a.txt", "one\n"), entry("b.txt", "two\n"));
        assertThat(requestedPaths(frames())).containsExactly("a.txt", "b.txt");

        // a SUMMARY that disagrees while they arrive: the manifest again, before either came
        manifest(entry("a.txt", "one\n"), entry("b.txt", "two\n"));
        assertThat(requestedPaths(frames())).isEmpty();

        push("a.txt", "one\n", null);
        sync.disconnected(); // b.txt's answer was lost with the connection
        manifest(entry("a.txt", "one\n"), entry("b.txt", "two\n"));
        assertThat(requestedPaths(frames())).containsExactly("b.txt");
    }

    private static List<String> requestedPaths(List<SyncMessage> frames) {
        return frames.stream().filter(m -> m instanceof SyncMessage.FileRequest)
                .flatMap(m -> ((SyncMessage.FileRequest) m).paths().stream()).toList();
    }

    @Test
    void anotherServerMeansNoBase() throws IOException {
        push("a.txt", "v0\n", null);
        sync.connected("docs", "another-server");
        assertThat(store.get("docs", "a.txt")).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private void push(String path, String content, String base) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        sync.fileUpdate(new SyncMessage.FileUpdate(null, "docs", path, MTIME, sha(content), base), Content.of(bytes));
    }

    private void save(String path, String content) throws IOException {
        Files.writeString(root.resolve(path), content);
        sync.onLocalEvents(List.of(new FolderEvent(path, FolderEvent.Kind.MODIFIED)));
    }

    private void manifest(ManifestEntry... entries) {
        List<ManifestEntry> list = List.of(entries);
        sync.manifest(new SyncMessage.Manifest("docs", Manifests.digest(list), list.size()), Content.of(Manifests.encode(list)));
    }

    private static ManifestEntry entry(String path, String content) {
        return new ManifestEntry(path, sha(content), MTIME, content.length());
    }

    /** Builds every frame queued so far, as the connection's writer would when their turn comes. */
    private List<SyncMessage> frames() throws IOException {
        List<SyncMessage> messages = new ArrayList<>();
        List<Outgoing> queued = new ArrayList<>(uplink.sent);
        uplink.sent.clear();
        for (Outgoing outgoing : queued) {
            Frame frame = outgoing.build();
            if (frame != null) {
                messages.add(frame.message());
            }
        }
        return messages;
    }

    private static SyncMessage single(List<SyncMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static String sha(String content) {
        return TextFiles.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** An uplink that is always ready and keeps what it is given. */
    private static final class CollectingUplink implements Uplink {

        final List<Outgoing> sent = new CopyOnWriteArrayList<>();

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public boolean send(Outgoing outgoing) {
            sent.add(outgoing);
            return true;
        }

        @Override
        public long clockOffsetMs() {
            return 0;
        }
    }
}
