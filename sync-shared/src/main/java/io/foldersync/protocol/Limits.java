package io.foldersync.protocol;

/**
 * Named limits of the wire format. The configurable ones ({@code max-header-bytes},
 * {@code max-file-bytes}) arrive here from the properties; the fixed ones are constants.
 *
 * @param maxHeaderBytes largest JSON header accepted; a larger length is refused before anything is allocated
 * @param maxContentBytes largest content accepted; larger content is skipped (read and discarded) and refused
 * @param inMemoryContentBytes content up to this size is held in memory, larger content is spooled to disk
 */
public record Limits(int maxHeaderBytes, long maxContentBytes, int inMemoryContentBytes) {

    /** The length prefix is an unsigned 32-bit integer: nothing larger can even be framed. */
    public static final long MAX_FRAME_LENGTH = 0xFFFF_FFFFL;

    /** Small files stay in memory; above this they stream through a spool file. */
    public static final int DEFAULT_IN_MEMORY_CONTENT_BYTES = 1024 * 1024;

    /** Version 2 binds the handshake's HMACs to the server's TLS certificate (see {@link Handshake}). */
    public static final int PROTOCOL_VERSION = 2;

    /**
     * Largest header a peer may send before the handshake is complete: HELLO and AUTH are a few
     * hundred bytes, so a stranger can make us allocate no more than this.
     */
    public static final int MAX_HEADER_BYTES_BEFORE_HANDSHAKE = 4096;

    /** Nonces are at least 32 hex characters (128 bits); we send 64 (256 bits). */
    public static final int MIN_NONCE_LENGTH = 32;

    public Limits {
        if (maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be positive");
        }
        if (maxContentBytes < 0) {
            throw new IllegalArgumentException("maxContentBytes must not be negative");
        }
    }

    public static Limits of(long maxHeaderBytes, long maxContentBytes) {
        return new Limits((int) Math.min(Integer.MAX_VALUE - 8, maxHeaderBytes), maxContentBytes,
                DEFAULT_IN_MEMORY_CONTENT_BYTES);
    }
}
