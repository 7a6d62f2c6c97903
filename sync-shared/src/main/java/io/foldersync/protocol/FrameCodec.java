package io.foldersync.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the contract's frames:
 * <pre>
 * +--------------------+----------------------------+-----------------------------+
 * | N: uint32, big end | N bytes UTF-8 JSON header  | L bytes content, when the   |
 * |                    | {"type":..,"contentLength":L} | header has contentLength>0 |
 * +--------------------+----------------------------+-----------------------------+
 * </pre>
 * Content is never held as one large array: up to {@link Limits#inMemoryContentBytes()} it is
 * read into memory, above that it is spooled to a file in {@code spoolDirectory}.
 *
 * <p>Failures are told apart the way a peer needs them: a clean end of stream between frames
 * is a {@link SoftEndOfStreamException}; a stream that ends inside a frame is an
 * {@link EOFException} ("stream closed after n of m bytes"); a header that is too long or not
 * a usable JSON object becomes a {@link SyncMessage.Malformed} frame so the receiver can answer
 * BAD_FRAME before it closes; content over the limit is skipped, without allocating it, and
 * becomes {@link SyncMessage.Oversize}.
 */
public class FrameCodec implements Serializer<Frame>, Deserializer<Frame> {

    private static final int COPY_BUFFER = 64 * 1024;

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // times and lengths are integers on the wire: 1.5 or "12" is a malformed frame, not a guess
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final Limits limits;

    private final Path spoolDirectory;

    public FrameCodec(Limits limits, Path spoolDirectory) {
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
    }

    public Limits limits() {
        return limits;
    }

    /** Where content too large for memory is spooled (received, or built before it is sent). */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void serialize(Frame frame, OutputStream out) throws IOException {
        byte[] header = headerBytes(frame);
        writeLength(out, header.length);
        out.write(header);
        long length = frame.content().length();
        if (length > 0) {
            try (InputStream in = frame.content().open()) {
                long copied = copy(in, out, length);
                if (copied != length) {
                    // the file shrank after we announced its length: the stream is now unusable
                    throw new IOException("content ended after " + copied + " of " + length + " bytes");
                }
            }
        }
    }

    /** The exact header bytes of a frame, with {@code type} first and {@code contentLength} last. */
    public byte[] headerBytes(Frame frame) {
        ObjectNode header = json.createObjectNode();
        header.put("type", frame.message().type());
        JsonNode fields = json.valueToTree(frame.message());
        fields.properties().forEach(field -> {
            if (!field.getValue().isNull() || keepsNull(frame.message(), field.getKey())) {
                header.set(field.getKey(), field.getValue());
            }
        });
        long length = frame.content().length();
        if (length > 0) {
            header.put("contentLength", length);
        }
        byte[] bytes = json.writeValueAsBytes(header);
        if (bytes.length > limits.maxHeaderBytes()) {
            throw new IllegalArgumentException("header of " + bytes.length + " bytes exceeds max-header-bytes ("
                    + limits.maxHeaderBytes() + ")");
        }
        return bytes;
    }

    private static boolean keepsNull(SyncMessage message, String field) {
        // the contract shows "baseSha256": null explicitly for an update without a base
        return message instanceof SyncMessage.FileUpdate && field.equals("baseSha256");
    }

    private static void writeLength(OutputStream out, long length) throws IOException {
        out.write((int) (length >>> 24) & 0xFF);
        out.write((int) (length >>> 16) & 0xFF);
        out.write((int) (length >>> 8) & 0xFF);
        out.write((int) length & 0xFF);
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Frame deserialize(InputStream in) throws IOException {
        long headerLength = readLength(in);
        if (headerLength > limits.maxHeaderBytes()) {
            // refused before allocating; the stream cannot be resynchronised, the receiver closes it
            return Frame.of(new SyncMessage.Malformed("header length " + headerLength
                    + " exceeds max-header-bytes (" + limits.maxHeaderBytes() + ")"));
        }
        return readFrame(in, headerLength, true);
    }

    /**
     * Reads a frame of a peer that has not completed the handshake: a header up to
     * {@code maxHeaderBytes} (a larger one is {@link SyncMessage.Malformed}, refused before
     * allocating), and never any content: a header announcing content becomes
     * {@link SyncMessage.Oversize} <em>without reading the content</em>, so a stranger cannot make
     * us read, spool or skip anything. The stream is then out of step; the receiver refuses the
     * frame and closes the connection, as it does with anything but HELLO/AUTH before WELCOME.
     */
    public Frame deserializeBeforeHandshake(InputStream in, int maxHeaderBytes) throws IOException {
        long headerLength = readLength(in);
        if (headerLength > maxHeaderBytes) {
            return Frame.of(new SyncMessage.Malformed("header length " + headerLength + " exceeds the "
                    + maxHeaderBytes + " bytes allowed before the handshake" + tlsHint(headerLength)));
        }
        return readFrame(in, headerLength, false);
    }

    /**
     * A TLS record starts with its type (0x15 alert, 0x16 handshake) and version (0x03 ..): read as a
     * length, that is what a peer speaking TLS sends to one that speaks plain TCP.
     */
    private static String tlsHint(long length) {
        long type = length >>> 24;
        long major = (length >>> 16) & 0xFF;
        if ((type == 0x15 || type == 0x16) && major == 0x03) {
            return "; the peer speaks TLS: set foldersync.tls.enabled the same on both sides";
        }
        return "";
    }

    private Frame readFrame(InputStream in, long headerLength, boolean contentAllowed) throws IOException {
        byte[] header = readFully(in, (int) headerLength);
        ObjectNode node;
        try {
            JsonNode parsed = json.readTree(header);
            if (parsed == null || !parsed.isObject()) {
                return Frame.of(new SyncMessage.Malformed("header is not a JSON object"));
            }
            node = (ObjectNode) parsed;
        }
        catch (JacksonException e) {
            return Frame.of(new SyncMessage.Malformed("header is not valid JSON: " + e.getOriginalMessage()));
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString()) {
            return Frame.of(new SyncMessage.Malformed("header has no string field 'type'"));
        }
        JsonNode lengthNode = node.remove("contentLength");
        long contentLength = 0;
        if (lengthNode != null && !lengthNode.isNull()) {
            if (!lengthNode.isIntegralNumber() || !lengthNode.canConvertToLong() || lengthNode.asLong() < 0) {
                return Frame.of(new SyncMessage.Malformed("contentLength must be a non-negative integer"));
            }
            contentLength = lengthNode.asLong();
        }
        SyncMessage message = toMessage(type.asString(), node);
        if (contentLength > 0 && !contentAllowed) {
            return Frame.of(new SyncMessage.Oversize(message, contentLength));
        }
        if (contentLength > limits.maxContentBytes()) {
            skip(in, contentLength);
            return Frame.of(new SyncMessage.Oversize(message, contentLength));
        }
        Content content = readContent(in, contentLength);
        if (message instanceof SyncMessage.Malformed) {
            content.release();
        }
        return new Frame(message, content);
    }

    private SyncMessage toMessage(String type, ObjectNode node) {
        Class<? extends SyncMessage> target = MessageTypes.classOf(type);
        if (target == null) {
            JsonNode id = node.get("id");
            return new SyncMessage.Unknown(type, id != null && id.isString() ? id.asString() : null);
        }
        node.remove("type");
        try {
            return json.treeToValue(node, target);
        }
        catch (JacksonException e) {
            return new SyncMessage.Malformed(type + " header has a field of the wrong kind: " + e.getOriginalMessage());
        }
    }

    private Content readContent(InputStream in, long length) throws IOException {
        if (length == 0) {
            return Content.EMPTY;
        }
        if (length <= limits.inMemoryContentBytes()) {
            return Content.of(readFully(in, (int) length));
        }
        Files.createDirectories(spoolDirectory);
        Path spool = Files.createTempFile(spoolDirectory, "receive-", ".spool");
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(spool)) {
            long copied = copy(in, out, length);
            if (copied != length) {
                throw new EOFException("stream closed after " + copied + " of " + length + " content bytes");
            }
            complete = true;
        }
        finally {
            if (!complete) {
                Files.deleteIfExists(spool);
            }
        }
        return Content.ofFile(spool, length, true);
    }

    private static long readLength(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new SoftEndOfStreamException("stream closed between frames");
        }
        long length = first;
        for (int i = 1; i < 4; i++) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("stream closed after " + i + " of 4 length bytes");
            }
            length = (length << 8) | next;
        }
        return length;
    }

    /**
     * Reads exactly {@code length} bytes into one array of that size (readNBytes(int) gathers 8 KiB
     * pieces and copies them together: a second copy of every file's content).
     */
    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read != length) {
            throw new EOFException("stream closed after " + read + " of " + length + " bytes");
        }
        return bytes;
    }

    private static void skip(InputStream in, long length) throws IOException {
        long left = length;
        byte[] buffer = io.foldersync.files.Buffers.get();
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("stream closed after " + (length - left) + " of " + length + " content bytes");
            }
            left -= n;
        }
    }

    private static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = io.foldersync.files.Buffers.get();
        long copied = 0;
        while (copied < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }
}
