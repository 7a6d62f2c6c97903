package io.foldersync.client.link;

import io.foldersync.protocol.Frame;

/**
 * Takes the frames of the negotiated extensions (requests beyond syncing and their answers) off
 * the connection before the mirror sees them, and hears when the connection is lost.
 */
public interface LinkExtension {

    LinkExtension NONE = new LinkExtension() {
        @Override
        public boolean onFrame(Frame frame) {
            return false;
        }

        @Override
        public void disconnected() {
        }
    };

    /** True when the frame was this extension's (then nobody else sees it). */
    boolean onFrame(Frame frame);

    void disconnected();
}
