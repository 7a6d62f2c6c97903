package io.foldersync.transfer;

/**
 * When content is compressed for a peer that agreed {@code zstd} (setting
 * {@code foldersync.compression}). {@code AUTO} compresses unless the peer is on this machine
 * (loopback), where the wire is faster than the compressor and the CPU is shared with the peer.
 */
public enum CompressionMode {
    AUTO, ALWAYS, NEVER;

    /** Whether to compress for a peer at {@code remoteHost} (an IP address, or null when unknown). */
    public boolean compressFor(String remoteHost) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !loopback(remoteHost);
        };
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("/") ? host.substring(1) : host;
        return h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("localhost");
    }
}
