package io.foldersync.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.apply.NioDisk;
import io.foldersync.apply.Stager;
import io.foldersync.apply.WorkDir;
import io.foldersync.delta.ChunkList;
import io.foldersync.delta.ContentInspector;
import io.foldersync.files.FileSnapshot;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.Encoding;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.Limits;
import io.foldersync.protocol.SyncMessage;

/**
 * A file encoded by one side and decoded by the other, through real files: the receiver ends up
 * with exactly the sender's bytes in every form, or refuses with nothing staged.
 */
class EncoderDecoderTest {

    private static final Limits LIMITS = Limits.of(1 << 20, 64L << 20);

    private static final Set<String> ALL = Set.of(Features.DELTA, Features.ZSTD);

    @TempDir
    Path dir;

    private Encoder encoder;

    private Decoder decoder;

    private Path sender;

    private Path receiver;

    private Stager stager;

    @BeforeEach
    void setUp() throws IOException {
        encoder = new Encoder(LIMITS, dir.resolve("spool"));
        decoder = new Decoder(LIMITS, dir.resolve("spool"));
        sender = Files.createDirectories(dir.resolve("sender"));
        receiver = Files.createDirectories(dir.resolve("receiver"));
        stager = new Stager(NioDisk.INSTANCE, new WorkDir(receiver));
    }

    @AfterEach
    void tearDown() {
        encoder.close();
    }

    @Test
    void aOneLineInsertInALargeFileTravelsAsAFewKilobytesAndRebuildsTheFileExactly() throws IOException {
        String old = lines(40_000); // about 2 MB
        String edited = insertInMiddle(old, "one new line\n");
        Files.writeString(receiver.resolve("big.txt"), old);
        Base base = new Base(sha(old), chunksOf(old));

        Frame frame = encode(edited, base, new Peer(true, false));
        SyncMessage.FileUpdate update = (SyncMessage.FileUpdate) frame.message();

        assertThat(update.encoding()).isEqualTo(Encoding.DELTA);
        assertThat(update.deltaBase()).isEqualTo(sha(old));
        assertThat(update.size()).isEqualTo(bytes(edited).length);
        assertThat(frame.content().length()).as("recipe bytes").isLessThan(bytes(edited).length / 200);
        Stager.Received received = decoder.receive(stager, update, frame.content(), receiver.resolve("big.txt"), ALL);
        assertThat(received.refusal()).isNull();
        assertThat(Files.readString(received.staged().file())).isEqualTo(edited);
        assertThat(received.staged().chunks()).as("the next base").isEqualTo(chunksOf(edited));
    }

    @Test
    void deltaAndZstdTogetherAndZstdAloneRebuildTheFile() throws IOException {
        String old = lines(20_000);
        String edited = insertInMiddle(old, "x".repeat(30_000) + "\n"); // a large, compressible insert
        Files.writeString(receiver.resolve("f.txt"), old);

        Frame delta = encode(edited, new Base(sha(old), chunksOf(old)), new Peer(true, true));
        assertThat(((SyncMessage.FileUpdate) delta.message()).encoding()).isEqualTo(Encoding.DELTA_ZSTD);
        assertThat(decodeToString(delta, receiver.resolve("f.txt"))).isEqualTo(edited);

        Frame zstd = encode(edited, null, new Peer(true, true));
        assertThat(((SyncMessage.FileUpdate) zstd.message()).encoding()).isEqualTo(Encoding.ZSTD);
        assertThat(zstd.content().length()).isLessThan(bytes(edited).length / 2);
        assertThat(decodeToString(zstd, receiver.resolve("f.txt"))).isEqualTo(edited);
    }

    @Test
    void aPeerThatAgreedNothingGetsTheFileAsItIs() throws IOException {
        String old = lines(20_000);
        String edited = insertInMiddle(old, "new\n");
        Frame frame = encode(edited, new Base(sha(old), chunksOf(old)), Peer.PLAIN);
        SyncMessage.FileUpdate update = (SyncMessage.FileUpdate) frame.message();
        assertThat(update.encoding()).isNull();
        assertThat(update.size()).isNull();
        assertThat(frame.content().length()).isEqualTo(bytes(edited).length);
    }

    @Test
    void aDeltaThatWouldCarryMostOfTheFileIsNotSent() throws IOException {
        String old = lines(20_000);
        String unrelated = lines(20_000).replace("line", "LINE");
        Frame frame = encode(unrelated, new Base(sha(old), chunksOf(old)), new Peer(true, false));
        assertThat(((SyncMessage.FileUpdate) frame.message()).encoding()).isNull();
    }

    @Test
    void aDeltaThatRebuildsOtherBytesThanItsSha256IsRefusedAsDeltaFailedAndStagesNothing() throws IOException {
        String old = lines(20_000);
        String edited = insertInMiddle(old, "new\n");
        Frame frame = encode(edited, new Base(sha(old), chunksOf(old)), new Peer(true, false));
        SyncMessage.FileUpdate update = (SyncMessage.FileUpdate) frame.message();
        // the receiver has the delta's base, but the sender claims another result (a bug or a hostile peer):
        // never a wrong file, and DELTA_FAILED, so that the sender falls back to the whole file
        SyncMessage.FileUpdate wrong = new SyncMessage.FileUpdate(update.id(), update.folder(), update.path(),
                update.mtime(), sha(edited + "something else\n"), update.baseSha256(), update.encoding(), update.size(),
                update.rawLength(), update.deltaBase());
        Files.writeString(receiver.resolve("f.txt"), old);
        Stager.Received received = decoder.receive(stager, wrong, frame.content(), receiver.resolve("f.txt"), ALL);
        assertThat(received.refusal()).isEqualTo(ErrorCode.DELTA_FAILED);
        assertThat(staged()).isEmpty();
        assertThat(Files.readString(receiver.resolve("f.txt"))).isEqualTo(old);
    }

    @Test
    void aDeltaAgainstAnotherVersionThanTheReceiversIsRefusedAndStagesNothing() throws IOException {
        String old = lines(20_000);
        String edited = insertInMiddle(old, "new\n");
        Frame frame = encode(edited, new Base(sha(old), chunksOf(old)), new Peer(true, false));
        // the receiver's file is not the delta's base (the user saved meanwhile): same length, other bytes
        Files.writeString(receiver.resolve("f.txt"), old.replace("line 1000 ", "LINE 1000 "));
        Stager.Received received = decoder.receive(stager, (SyncMessage.FileUpdate) frame.message(), frame.content(),
                receiver.resolve("f.txt"), ALL);
        assertThat(received.refusal()).isEqualTo(ErrorCode.DELTA_FAILED);
        assertThat(staged()).isEmpty();
        // and with no file at all
        Files.delete(receiver.resolve("f.txt"));
        assertThat(decoder.receive(stager, (SyncMessage.FileUpdate) frame.message(), frame.content(),
                receiver.resolve("f.txt"), ALL).refusal()).isEqualTo(ErrorCode.DELTA_FAILED);
        assertThat(staged()).isEmpty();
    }

    @Test
    void anEncodingTheSenderDidNotAgreeOrContentThatIsNotWhatItClaimsIsRefusedAsABadFrame() throws IOException {
        String text = lines(20_000);
        Frame zstd = encode(text, null, new Peer(false, true));
        SyncMessage.FileUpdate update = (SyncMessage.FileUpdate) zstd.message();
        assertThat(decoder.receive(stager, update, zstd.content(), receiver.resolve("f.txt"), Set.of()).refusal())
                .isEqualTo(ErrorCode.BAD_FRAME);
        Content garbage = Content.of("not zstd at all, just words".getBytes(StandardCharsets.UTF_8));
        assertThat(decoder.receive(stager, update, garbage, receiver.resolve("f.txt"), ALL).refusal())
                .isEqualTo(ErrorCode.BAD_FRAME);
        // declares a plain length that the content does not have
        SyncMessage.FileUpdate lying = update.encoded(Encoding.ZSTD, update.size() + 10, update.size() + 10, null);
        assertThat(decoder.receive(stager, lying, zstd.content(), receiver.resolve("f.txt"), ALL).refusal())
                .isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(staged()).isEmpty();
    }

    @Test
    void theChunkListOfTheSentVersionComesBackForALargeFileEvenWhenItGoesWhole() throws IOException {
        String text = lines(20_000);
        Path file = sender.resolve("whole.txt");
        Files.writeString(file, text);
        FileSnapshot snapshot = FileSnapshot.read(file, LIMITS.maxContentBytes(), LIMITS.inMemoryContentBytes());
        Encoder.Encoded encoded = encoder.encode(plain(snapshot), snapshot, null, Peer.PLAIN, true);
        assertThat(encoded.chunks()).isEqualTo(chunksOf(text));
        assertThat(BaseChunks.of(file, sha(text))).isEqualTo(chunksOf(text));
        assertThat(BaseChunks.of(file, sha("other"))).as("a file that no longer holds the version").isNull();
    }

    // ------------------------------------------------------------------ helpers

    private Frame encode(String content, Base base, Peer peer) throws IOException {
        Path file = sender.resolve("f-" + System.nanoTime() + ".txt");
        Files.writeString(file, content);
        FileSnapshot snapshot = FileSnapshot.read(file, LIMITS.maxContentBytes(), LIMITS.inMemoryContentBytes());
        return encoder.encode(plain(snapshot), snapshot, base, peer, false).frame();
    }

    private static SyncMessage.FileUpdate plain(FileSnapshot snapshot) {
        return new SyncMessage.FileUpdate("u", "docs", "f.txt", snapshot.mtime(), snapshot.sha256(), null);
    }

    private String decodeToString(Frame frame, Path base) throws IOException {
        Stager.Received received = decoder.receive(stager, (SyncMessage.FileUpdate) frame.message(), frame.content(),
                base, ALL);
        assertThat(received.refusal()).as(received.reason()).isNull();
        try {
            return Files.readString(received.staged().file());
        }
        finally {
            stager.discard(received.staged());
        }
    }

    private java.util.List<Path> staged() throws IOException {
        Path tmp = new WorkDir(receiver).tmp();
        if (!Files.exists(tmp)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private static ChunkList chunksOf(String content) throws IOException {
        return ContentInspector.inspect(new java.io.ByteArrayInputStream(bytes(content)), true).chunks();
    }

    private static String lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("line ").append(i).append(" of a long text file, with some words to make it realistic\n");
        }
        return text.toString();
    }

    private static String insertInMiddle(String text, String insert) {
        int middle = text.indexOf('\n', text.length() / 2) + 1;
        return text.substring(0, middle) + insert + text.substring(middle);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha(String s) {
        return io.foldersync.files.TextFiles.sha256(bytes(s));
    }
}
