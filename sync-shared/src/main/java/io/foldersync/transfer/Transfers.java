package io.foldersync.transfer;

/**
 * A side's way of moving content, handed to its engine as one piece: how it encodes for a peer,
 * how it decodes what comes in, and when it compresses.
 */
public record Transfers(Encoder encoder, Decoder decoder, CompressionMode compression) {

    /** What may be sent to a peer that agreed {@code agreed} and sits at {@code remoteHost}. */
    public Peer peer(java.util.Set<String> agreed, String remoteHost) {
        return Peer.of(agreed, compression.compressFor(remoteHost));
    }
}
