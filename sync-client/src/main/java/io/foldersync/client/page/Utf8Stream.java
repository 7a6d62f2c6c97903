package io.foldersync.client.page;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes output that arrives in pieces cut anywhere: a UTF-8 sequence split between two pieces
 * waits for the rest instead of turning into two replacement characters. Bytes that are not
 * UTF-8 at all become U+FFFD. Not thread-safe.
 */
final class Utf8Stream {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** The text of {@code chunk}, and of what was pending before it, up to a sequence left incomplete. */
    String decode(byte[] chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.length);
        in.put(pending).put(chunk).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
        return out.flip().toString();
    }

    /** The end of the stream: what is still pending (an incomplete sequence becomes U+FFFD). */
    String finish() {
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 8);
        decoder.decode(pending, out, true);
        decoder.flush(out);
        pending = ByteBuffer.allocate(0);
        decoder.reset();
        return out.flip().toString();
    }
}
