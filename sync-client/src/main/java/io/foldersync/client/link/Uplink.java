package io.foldersync.client.link;

import io.foldersync.link.Outgoing;
import io.foldersync.protocol.SyncMessage;

/** What the mirror needs of the connection: is it usable, send, and the clock offset measured at WELCOME. */
public interface Uplink {

    boolean isReady();

    boolean send(Outgoing outgoing);

    default boolean send(SyncMessage message) {
        return send(Outgoing.of(io.foldersync.protocol.Frame.of(message)));
    }

    /** Server clock minus client clock, in ms. Client mtimes are sent corrected by it. */
    long clockOffsetMs();

    /** The optional features both sides listed in the last handshake. */
    default java.util.Set<String> features() {
        return java.util.Set.of();
    }

    /** The server's IP address, or null when not connected. */
    default String remoteHost() {
        return null;
    }
}
