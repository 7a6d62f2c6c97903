package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The wire format, byte for byte: round trips through byte streams, golden header bytes, and
 * every way a peer can send a frame we must refuse. No socket, no Spring context.
 */
class FrameCodecTest {

    private static final String SHA_HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private static final String SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final long MTIME = 1_764_000_000_000L;

    /** Small in-memory threshold so spooling is exercised with a few bytes. */
    private static final Limits LIMITS = new Limits(1024, 10_000, 16);

    @TempDir
    Path spool;

    private FrameCodec codec() {
        return new FrameCodec(LIMITS, spool);
    }

    // ---------------------------------------------------------------- round trips

    static Stream<Frame> everyMessageType() {
        String nonce = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        return Stream.of(
                Frame.of(new SyncMessage.Hello(1, "laptop-1a2b", nonce, List.of("delta"), MTIME)),
                Frame.of(new SyncMessage.Challenge(nonce)),
                Frame.of(new SyncMessage.Auth("f".repeat(64))),
                Frame.of(new SyncMessage.Welcome("docs", "e".repeat(64), MTIME, List.of())),
                new Frame(new SyncMessage.FileUpdate("u1", "docs", "a/b.txt", MTIME, SHA_HELLO, null), bytes("hello")),
                new Frame(new SyncMessage.FileUpdate(null, null, "ü/ñ.txt", MTIME, SHA_HELLO, SHA_EMPTY), bytes("hello")),
                Frame.of(new SyncMessage.FileUpdate("u2", "docs", "empty.txt", MTIME, SHA_EMPTY, SHA_HELLO)),
                Frame.of(new SyncMessage.FileDelete("d1", "docs", "a/b.txt", SHA_HELLO)),
                Frame.of(new SyncMessage.FileMove("m1", "docs", "a/b.txt", "c/b.txt", SHA_HELLO, MTIME)),
                Frame.of(new SyncMessage.Ping()),
                Frame.of(SyncMessage.Error.of(ErrorCode.CONFLICT, "you lost", "u1", "a/b.txt")),
                Frame.of(new SyncMessage.ManifestRequest("docs", -1500L)),
                new Frame(new SyncMessage.Manifest("docs", SHA_HELLO, 2),
                        bytes("{\"path\":\"a.txt\"}\n{\"path\":\"b.txt\"}\n")),
                Frame.of(new SyncMessage.Summary("docs", SHA_HELLO, 2)),
                Frame.of(new SyncMessage.Summary("docs", SHA_HELLO, 2, true)),
                Frame.of(new SyncMessage.FileRequest("docs", List.of("a.txt", "b/c.txt"))),
                Frame.of(new SyncMessage.Ack("u1", "docs", "a/b.txt", SHA_HELLO, MTIME)),
                Frame.of(new SyncMessage.FolderChanged("notes")),
                Frame.of(new SyncMessage.FolderCommand("f1", "notes")),
                Frame.of(new SyncMessage.Folders("f1",
                        List.of(new SyncMessage.FolderInfo("docs", false), new SyncMessage.FolderInfo("notes", true)), null)),
                Frame.of(new SyncMessage.Folders("f2", List.of(), "client x may not switch", "NOT_ALLOWED")),
                Frame.of(new SyncMessage.PermissionsRequest("p1")),
                new Frame(new SyncMessage.Permissions("p1", true, 1),
                        bytes("[{\"name\":\"build\",\"description\":null,\"timeoutMs\":60000}]")),
                Frame.of(new SyncMessage.CommandRun("r1", "build")),
                Frame.of(new SyncMessage.CommandStarted("r1", "build", "docs", MTIME)),
                new Frame(new SyncMessage.CommandOutput("r1"), bytes("compiling...\n")),
                Frame.of(new SyncMessage.CommandDone("r1", "build", "exited", 0, 1234L, 13L, false, null)),
                Frame.of(new SyncMessage.ConflictsRequest("c1")),
                new Frame(new SyncMessage.Conflicts("c1", 0), bytes("[]")),
                Frame.of(new SyncMessage.ConflictFetch("c2", 7L)),
                new Frame(new SyncMessage.ConflictContent("c2", 7L, SHA_HELLO), bytes("hello")));
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void roundTripsEveryMessageType(Frame sent) throws IOException {
        Frame received = roundTrip(codec(), sent);

        assertThat(received.message()).isEqualTo(sent.message());
        assertThat(read(received.content())).isEqualTo(read(sent.content()));
    }

    @Test
    void roundTripCoversEveryTypeThatIsSent() {
        Set<Class<?>> decoderOnly = Set.of(SyncMessage.Unknown.class, SyncMessage.Malformed.class,
                SyncMessage.Oversize.class);
        Set<Class<?>> sendable = Arrays.stream(SyncMessage.class.getPermittedSubclasses())
                .filter(type -> !decoderOnly.contains(type))
                .collect(Collectors.toSet());

        Set<Class<?>> covered = everyMessageType().map(frame -> frame.message().getClass()).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(sendable);
    }

    @Test
    void aSummaryTellsOfAShortDiskOnlyWhenItIsShort() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        codec().serialize(Frame.of(new SyncMessage.Summary("docs", SHA_HELLO, 2).withSpaceShort(false)), plain);
        ByteArrayOutputStream shortOfSpace = new ByteArrayOutputStream();
        codec().serialize(Frame.of(new SyncMessage.Summary("docs", SHA_HELLO, 2).withSpaceShort(true)), shortOfSpace);

        // an older client reads the same SUMMARY as before; the field is there only when it says something
        assertThat(plain.toString(StandardCharsets.UTF_8)).doesNotContain("spaceShort");
        assertThat(shortOfSpace.toString(StandardCharsets.UTF_8)).contains("\"spaceShort\":true");
        Frame received = codec().deserialize(new ByteArrayInputStream(shortOfSpace.toByteArray()));
        assertThat(((SyncMessage.Summary) received.message()).shortOfSpace()).isTrue();
    }

    @Test
    void decodesSeveralFramesFromOneStreamInOrder() throws IOException {
        FrameCodec codec = codec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Frame> sent = everyMessageType().toList();
        for (Frame frame : sent) {
            codec.serialize(frame, out);
        }

        InputStream in = new ByteArrayInputStream(out.toByteArray());
        for (Frame frame : sent) {
            Frame received = codec.deserialize(in);
            assertThat(received.message()).isEqualTo(frame.message());
            assertThat(read(received.content())).isEqualTo(read(frame.content()));
        }
        assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
    }

    // ---------------------------------------------------------------- golden bytes

    @Test
    void writesLengthThenJsonWithTypeFirstAndKeepsNullBaseOfFileUpdate() throws IOException {
        Frame frame = Frame.of(new SyncMessage.FileUpdate(null, null, "a/b.txt", MTIME, SHA_EMPTY, null));
        String json = "{\"type\":\"FILE_UPDATE\",\"path\":\"a/b.txt\",\"mtime\":1764000000000,\"sha256\":\"" + SHA_EMPTY
                + "\",\"baseSha256\":null}";

        byte[] wire = serialize(codec(), frame);

        assertThat(wire).isEqualTo(concat(lengthPrefix(json.length()), ascii(json)));
    }

    @Test
    void addsContentLengthLastAndAppendsRawContent() throws IOException {
        Frame frame = new Frame(new SyncMessage.FileUpdate("u1", null, "a.txt", MTIME, SHA_HELLO, SHA_EMPTY), bytes("hello"));
        String json = "{\"type\":\"FILE_UPDATE\",\"id\":\"u1\",\"path\":\"a.txt\",\"mtime\":1764000000000,\"sha256\":\""
                + SHA_HELLO + "\",\"baseSha256\":\"" + SHA_EMPTY + "\",\"contentLength\":5}";

        byte[] wire = serialize(codec(), frame);

        assertThat(wire).isEqualTo(concat(lengthPrefix(json.length()), ascii(json), ascii("hello")));
    }

    @Test
    void writesPingAsTheSmallestFrame() throws IOException {
        assertThat(serialize(codec(), Frame.of(new SyncMessage.Ping())))
                .isEqualTo(concat(new byte[] { 0, 0, 0, 15 }, ascii("{\"type\":\"PING\"}")));
    }

    @Test
    void omitsNullFieldsOtherThanBaseSha256() throws IOException {
        byte[] header = codec().headerBytes(Frame.of(new SyncMessage.FileDelete(null, null, "a.txt", null)));

        assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"FILE_DELETE\",\"path\":\"a.txt\"}");
    }

    @Test
    void emptyContentHasNoContentLength() throws IOException {
        Frame frame = new Frame(new SyncMessage.FileUpdate(null, null, "e.txt", MTIME, SHA_EMPTY, null), Content.EMPTY);

        String header = new String(codec().headerBytes(frame), StandardCharsets.UTF_8);

        assertThat(header).doesNotContain("contentLength");
        assertThat(serialize(codec(), frame)).hasSize(4 + header.length());
    }

    @Test
    void lengthPrefixIsBigEndianForHeadersAbove255Bytes() throws IOException {
        String longPath = "d/".repeat(150) + "x.txt";
        byte[] wire = serialize(codec(), Frame.of(new SyncMessage.FileDelete(null, null, longPath, null)));

        int announced = ByteBuffer.wrap(wire, 0, 4).getInt();

        assertThat(announced).isGreaterThan(255).isEqualTo(wire.length - 4);
        assertThat(wire[0]).isZero();
        assertThat(wire[1]).isZero();
        assertThat(wire[2]).isEqualTo((byte) (announced >>> 8));
    }

    @Test
    void writesNonAsciiPathsAsUtf8AndCountsBytesNotCharacters() throws IOException {
        Frame frame = Frame.of(new SyncMessage.FileDelete(null, null, "ü/ñ.txt", null));
        byte[] json = "{\"type\":\"FILE_DELETE\",\"path\":\"ü/ñ.txt\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(serialize(codec(), frame)).isEqualTo(concat(lengthPrefix(json.length), json));
    }

    // ---------------------------------------------------------------- writing refusals

    @Test
    void refusesToWriteAHeaderOverMaxHeaderBytes() {
        FrameCodec codec = new FrameCodec(new Limits(64, 10_000, 16), spool);
        Frame frame = Frame.of(new SyncMessage.FileDelete(null, null, "x".repeat(100), null));

        assertThatThrownBy(() -> codec.serialize(frame, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-header-bytes");
    }

    @Test
    void refusesToWriteMessagesThatOnlyTheDecoderMakes() {
        assertThatThrownBy(() -> codec().serialize(Frame.of(new SyncMessage.Malformed("x")), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec().serialize(Frame.of(new SyncMessage.Unknown("X", null)), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsWhenAFileShrinksAfterItsLengthWasAnnounced(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "abc");
        Frame frame = new Frame(new SyncMessage.FileUpdate(null, null, "a.txt", MTIME, SHA_HELLO, null),
                Content.ofFile(file, 10, false));

        assertThatThrownBy(() -> codec().serialize(frame, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 of 10");
    }

    // ---------------------------------------------------------------- content: memory and spool

    @Test
    void keepsSmallContentInMemory() throws IOException {
        Frame received = roundTrip(codec(), new Frame(fileUpdate(), bytes("0123456789abcdef")));

        assertThat(received.content()).isInstanceOf(Content.Bytes.class);
        assertThat(read(received.content())).isEqualTo(ascii("0123456789abcdef"));
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void spoolsLargerContentToAFileAndReleaseDeletesIt() throws IOException {
        byte[] content = ascii("x".repeat(5000));

        Frame received = roundTrip(codec(), new Frame(fileUpdate(), Content.of(content)));

        assertThat(received.content()).isInstanceOf(Content.OnDisk.class);
        Path file = ((Content.OnDisk) received.content()).file();
        assertThat(file).startsWithRaw(spool).exists();
        assertThat(received.content().length()).isEqualTo(5000);
        assertThat(read(received.content())).isEqualTo(content);

        received.content().release();
        assertThat(file).doesNotExist();
        received.content().release(); // twice is harmless
    }

    @Test
    void explicitZeroContentLengthMeansNoContent() throws IOException {
        InputStream in = frames("{\"type\":\"PING\",\"contentLength\":0}", "{\"type\":\"PING\"}");

        Frame first = codec().deserialize(in);

        assertThat(first.message()).isEqualTo(new SyncMessage.Ping());
        assertThat(first.content()).isSameAs(Content.EMPTY);
        assertThat(codec().deserialize(in).message()).isEqualTo(new SyncMessage.Ping());
    }

    @Test
    void nullContentLengthMeansNoContent() throws IOException {
        Frame frame = codec().deserialize(frames("{\"type\":\"PING\",\"contentLength\":null}"));

        assertThat(frame.message()).isEqualTo(new SyncMessage.Ping());
        assertThat(frame.content().length()).isZero();
    }

    // ---------------------------------------------------------------- end of stream

    @Test
    void cleanEndBetweenFramesIsASoftEndOfStream() {
        assertThatExceptionOfType(SoftEndOfStreamException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void cleanEndAfterACompleteFrameIsASoftEndOfStream() throws IOException {
        InputStream in = new ByteArrayInputStream(serialize(codec(), new Frame(fileUpdate(), bytes("hello"))));

        codec().deserialize(in);

        assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec().deserialize(in));
    }

    @Test
    void endInsideTheLengthIsAnEofException() {
        assertThatExceptionOfType(EOFException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(new byte[] { 0, 0 })))
                .withMessageContaining("2 of 4");
    }

    @Test
    void endInsideTheHeaderIsAnEofException() {
        byte[] wire = concat(lengthPrefix(20), ascii("{\"type\""));

        assertThatExceptionOfType(EOFException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(wire)))
                .withMessageContaining("7 of 20");
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void endInsideInMemoryContentIsAnEofException() {
        byte[] wire = concat(frame("{\"type\":\"PING\",\"contentLength\":10}"), ascii("abc"));

        assertThatExceptionOfType(EOFException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(wire)))
                .withMessageContaining("3 of 10");
    }

    @Test
    void endInsideSpooledContentIsAnEofExceptionAndLeavesNoSpoolFile() {
        byte[] wire = concat(frame("{\"type\":\"PING\",\"contentLength\":5000}"), ascii("x".repeat(1234)));

        assertThatExceptionOfType(EOFException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(wire)))
                .withMessageContaining("1234 of 5000");
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void endInsideSkippedOversizeContentIsAnEofException() {
        byte[] wire = concat(frame("{\"type\":\"PING\",\"contentLength\":20000}"), ascii("x".repeat(100)));

        assertThatExceptionOfType(EOFException.class)
                .isThrownBy(() -> codec().deserialize(new ByteArrayInputStream(wire)));
    }

    // ---------------------------------------------------------------- refused headers

    @Test
    void headerLongerThanTheLimitIsMalformedWithoutReadingOrAllocatingIt() throws IOException {
        // only the 4 length bytes exist: a codec that tried to read (or allocate) 2 GiB would fail differently
        Frame frame = codec().deserialize(new ByteArrayInputStream(new byte[] { 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }));

        assertThat(frame.message()).isInstanceOf(SyncMessage.Malformed.class);
        assertThat(((SyncMessage.Malformed) frame.message()).reason()).contains("2147483647", "max-header-bytes");
    }

    @Test
    void lengthIsUnsignedSoAllOnesIsTooLongNotNegative() throws IOException {
        Frame frame = codec().deserialize(new ByteArrayInputStream(new byte[] { -1, -1, -1, -1 }));

        assertThat(frame.message()).isInstanceOf(SyncMessage.Malformed.class);
        assertThat(((SyncMessage.Malformed) frame.message()).reason()).contains("4294967295");
    }

    @Test
    void headerOfExactlyTheLimitIsAccepted() throws IOException {
        String json = "{\"type\":\"PING\",\"pad\":\"" + "x".repeat(1024 - 24) + "\"}";
        assertThat(json).hasSize(1024);

        assertThat(codec().deserialize(frames(json)).message()).isEqualTo(new SyncMessage.Ping());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                                     // empty header
            "not json",                                             // not JSON at all
            "{\"type\":\"PING\"",                                   // cut-off object
            "{\"type\":\"PING\"} trailing",                         // garbage after the object
            "[\"PING\"]",                                           // a JSON array
            "\"PING\"",                                             // a JSON string
            "null",                                                 // JSON null
            "{}",                                                   // no type
            "{\"kind\":\"PING\"}",                                  // no type, other field
            "{\"type\":5}",                                         // type is a number
            "{\"type\":null}",                                      // type is null
            "{\"type\":[\"PING\"]}",                                // type is an array
            "{\"type\":\"PING\",\"contentLength\":-1}",             // negative content length
            "{\"type\":\"PING\",\"contentLength\":1.5}",            // fractional content length
            "{\"type\":\"PING\",\"contentLength\":1e3}",            // float notation
            "{\"type\":\"PING\",\"contentLength\":\"5\"}",          // content length as a string
            "{\"type\":\"PING\",\"contentLength\":true}",           // content length as a boolean
            "{\"type\":\"FILE_UPDATE\",\"path\":\"a\",\"mtime\":true}",      // mtime of the wrong kind
            "{\"type\":\"FILE_UPDATE\",\"path\":{\"a\":1}}",                 // path is an object
            "{\"type\":\"FILE_REQUEST\",\"paths\":{\"a\":1}}",               // list field is an object
            "{\"type\":\"HELLO\",\"protocolVersion\":{\"v\":1}}",            // number field is an object
    })
    void headerThatIsNotAUsableObjectIsMalformed(String header) throws IOException {
        Frame frame = codec().deserialize(frames(header));

        assertThat(frame.message()).isInstanceOf(SyncMessage.Malformed.class);
        assertThat(((SyncMessage.Malformed) frame.message()).reason()).isNotBlank();
    }

    @Test
    void contentLengthBeyondTheLongRangeIsMalformed() throws IOException {
        Frame frame = codec().deserialize(frames("{\"type\":\"PING\",\"contentLength\":18446744073709551621}"));

        assertThat(frame.message()).isInstanceOf(SyncMessage.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"FILE_UPDATE\",\"path\":\"a.txt\",\"mtime\":1.5,\"sha256\":\"x\"}",   // fraction silently cut to 1
            "{\"type\":\"FILE_UPDATE\",\"path\":\"a.txt\",\"mtime\":\"12\",\"sha256\":\"x\"}", // string read as a number
    })
    void numberFieldOfTheWrongKindIsMalformed(String header) throws IOException {
        assertThat(codec().deserialize(frames(header)).message()).isInstanceOf(SyncMessage.Malformed.class);
    }

    @Test
    void malformedFieldDoesNotLeaveItsContentSpooled() throws IOException {
        byte[] wire = concat(frame("{\"type\":\"FILE_UPDATE\",\"mtime\":true,\"contentLength\":100}"), ascii("y".repeat(100)));

        Frame frame = codec().deserialize(new ByteArrayInputStream(wire));

        assertThat(frame.message()).isInstanceOf(SyncMessage.Malformed.class);
        assertThat(spoolFiles()).isEmpty();
    }

    // ---------------------------------------------------------------- tolerated headers

    @Test
    void unknownTypeBecomesUnknownCarryingTheId() throws IOException {
        Frame frame = codec().deserialize(frames("{\"type\":\"FILE_PATCH\",\"id\":\"m-7\",\"path\":\"a.txt\"}"));

        assertThat(frame.message()).isEqualTo(new SyncMessage.Unknown("FILE_PATCH", "m-7"));
    }

    @Test
    void unknownTypeWithoutStringIdHasNoId() throws IOException {
        assertThat(codec().deserialize(frames("{\"type\":\"NEW\"}")).message()).isEqualTo(new SyncMessage.Unknown("NEW", null));
        assertThat(codec().deserialize(frames("{\"type\":\"NEW\",\"id\":7}")).message()).isEqualTo(new SyncMessage.Unknown("NEW", null));
    }

    @Test
    void unknownTypeWithContentLeavesTheStreamUsable() throws IOException {
        InputStream in = new ByteArrayInputStream(concat(
                frame("{\"type\":\"NEW\",\"id\":\"x1\",\"contentLength\":3}"), ascii("abc"),
                frame("{\"type\":\"PING\"}")));

        assertThat(codec().deserialize(in).message()).isEqualTo(new SyncMessage.Unknown("NEW", "x1"));
        assertThat(codec().deserialize(in).message()).isEqualTo(new SyncMessage.Ping());
    }

    @Test
    void ignoresHeaderFieldsItDoesNotKnow() throws IOException {
        InputStream in = frames(
                "{\"type\":\"PING\",\"future\":{\"nested\":[1,2,3]}}",
                "{\"sent\":123,\"type\":\"FILE_DELETE\",\"path\":\"a.txt\",\"sha256\":\"" + SHA_HELLO + "\",\"x\":null}");

        assertThat(codec().deserialize(in).message()).isEqualTo(new SyncMessage.Ping());
        assertThat(codec().deserialize(in).message()).isEqualTo(new SyncMessage.FileDelete(null, null, "a.txt", SHA_HELLO));
    }

    @Test
    void missingFieldsReadAsNullSoTheMessageCanSayWhatIsMissing() throws IOException {
        SyncMessage message = codec().deserialize(frames("{\"type\":\"FILE_UPDATE\",\"path\":\"a.txt\"}")).message();

        assertThat(message).isEqualTo(new SyncMessage.FileUpdate(null, null, "a.txt", null, null, null));
        assertThat(message.problem()).isEqualTo("mtime is missing");
    }

    // ---------------------------------------------------------------- oversize content

    @Test
    void contentOverTheLimitIsSkippedAndTheStreamStaysUsable() throws IOException {
        FrameCodec codec = codec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.serialize(new Frame(fileUpdate(), Content.of(ascii("z".repeat(10_001)))), out);
        codec.serialize(new Frame(fileUpdate(), bytes("next")), out);
        InputStream in = new ByteArrayInputStream(out.toByteArray());

        Frame oversize = codec.deserialize(in);
        Frame next = codec.deserialize(in);

        assertThat(oversize.message()).isEqualTo(new SyncMessage.Oversize(fileUpdate(), 10_001));
        assertThat(oversize.content().length()).isZero();
        assertThat(spoolFiles()).isEmpty();
        assertThat(next.message()).isEqualTo(fileUpdate());
        assertThat(read(next.content())).isEqualTo(ascii("next"));
    }

    @Test
    void contentOfExactlyTheLimitIsAccepted() throws IOException {
        Frame received = roundTrip(codec(), new Frame(fileUpdate(), Content.of(ascii("z".repeat(10_000)))));

        assertThat(received.message()).isEqualTo(fileUpdate());
        assertThat(received.content().length()).isEqualTo(10_000);
        received.content().release();
    }

    // ---------------------------------------------------------------- helpers

    private static SyncMessage.FileUpdate fileUpdate() {
        return new SyncMessage.FileUpdate("u9", "docs", "big.txt", MTIME, SHA_HELLO, null);
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).toList();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- before the handshake

    @Test
    void beforeTheHandshakeAHeaderAboveTheSmallLimitIsMalformedWithoutReadingIt() throws IOException {
        // a 4097-byte header is announced and only its length is there: nothing is read or allocated
        Frame frame = codec().deserializeBeforeHandshake(new ByteArrayInputStream(lengthPrefix(4097)), 4096);

        assertThat(((SyncMessage.Malformed) frame.message()).reason()).contains("4097", "before the handshake");
    }

    @Test
    void beforeTheHandshakeAHeaderOfExactlyTheSmallLimitIsRead() throws IOException {
        String json = "{\"type\":\"PING\",\"pad\":\"" + "x".repeat(512 - 24) + "\"}";

        assertThat(codec().deserializeBeforeHandshake(frames(json), 512).message()).isEqualTo(new SyncMessage.Ping());
    }

    @Test
    void beforeTheHandshakeContentIsRefusedUnreadAndNothingIsSpooled() throws IOException {
        // announces 100 bytes of content that are not even there: a codec that waited for them would hit the end
        InputStream in = frames("{\"type\":\"HELLO\",\"protocolVersion\":2,\"contentLength\":100}");

        Frame frame = codec().deserializeBeforeHandshake(in, 4096);

        assertThat(frame.message()).isInstanceOf(SyncMessage.Oversize.class);
        assertThat(((SyncMessage.Oversize) frame.message()).message()).isInstanceOf(SyncMessage.Hello.class);
        assertThat(((SyncMessage.Oversize) frame.message()).contentLength()).isEqualTo(100);
        assertThat(frame.content().length()).isZero();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void beforeTheHandshakeATlsRecordReadAsALengthSaysThePeerSpeaksTls() throws IOException {
        // a TLS ClientHello starts 0x16 0x03 0x01 ..: what a TLS client sends to a plain sync port
        Frame frame = codec().deserializeBeforeHandshake(new ByteArrayInputStream(new byte[] { 0x16, 0x03, 0x01, 0x02 }), 4096);

        assertThat(((SyncMessage.Malformed) frame.message()).reason()).contains("foldersync.tls.enabled");
    }

    @Test
    void afterTheHandshakeTheSameHeaderAndContentAreRead() throws IOException {
        InputStream in = new ByteArrayInputStream(concat(frame("{\"type\":\"HELLO\",\"protocolVersion\":2,\"contentLength\":3}"),
                ascii("abc")));

        Frame frame = codec().deserialize(in);

        assertThat(frame.message()).isInstanceOf(SyncMessage.Hello.class);
        assertThat(read(frame.content())).isEqualTo(ascii("abc"));
    }

    private static Frame roundTrip(FrameCodec codec, Frame frame) throws IOException {
        InputStream in = new ByteArrayInputStream(serialize(codec, frame));
        Frame received = codec.deserialize(in);
        assertThat(in.available()).as("bytes left after the frame").isZero();
        return received;
    }

    private static byte[] serialize(FrameCodec codec, Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.serialize(frame, out);
        return out.toByteArray();
    }

    /** Frames built by hand, so the tests can send what our own encoder never would. */
    private static InputStream frames(String... headers) {
        byte[][] parts = Arrays.stream(headers).map(FrameCodecTest::frame).toArray(byte[][]::new);
        return new ByteArrayInputStream(concat(parts));
    }

    private static byte[] frame(String header) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return concat(lengthPrefix(json.length), json);
    }

    private static byte[] lengthPrefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    private static Content bytes(String text) {
        return Content.of(ascii(text));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
