package io.foldersync.delta;

import java.security.DigestException;
import java.security.MessageDigest;

import io.foldersync.files.TextFiles;

/** Computes chunk ids (the first {@value ChunkList#HASH_BYTES} bytes of SHA-256) without allocating per chunk. */
final class ChunkIds {

    private final MessageDigest sha256 = TextFiles.sha256Digest();

    private final byte[] digest = new byte[32];

    long high;

    long low;

    /** Hashes one chunk; the id is then in {@link #high} and {@link #low}. */
    void hash(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        try {
            sha256.digest(digest, 0, digest.length);
        }
        catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
        high = ChunkList.longAt(digest, 0);
        low = ChunkList.longAt(digest, 8);
    }
}
