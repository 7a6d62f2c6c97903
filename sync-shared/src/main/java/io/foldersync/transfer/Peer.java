package io.foldersync.transfer;

import java.util.Set;

import io.foldersync.protocol.Features;

/**
 * What a peer may be sent: delta recipes and zstd content only when it listed the feature in
 * the handshake, and zstd only where it pays ({@link CompressionMode}).
 */
public record Peer(boolean delta, boolean zstd) {

    /** A peer that agreed nothing: plain content only (a peer that follows only the contract). */
    public static final Peer PLAIN = new Peer(false, false);

    public static Peer of(Set<String> agreed, boolean compress) {
        return new Peer(agreed.contains(Features.DELTA), compress && agreed.contains(Features.ZSTD));
    }
}
