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
}
