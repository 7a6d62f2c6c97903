package io.foldersync.protocol;

/**
 * One protocol frame: the header as a message record and the content that follows it
 * ({@link Content#EMPTY} when the header has no {@code contentLength}).
 */
public record Frame(SyncMessage message, Content content) {

    public Frame {
        if (content == null) {
            content = Content.EMPTY;
        }
    }

    public static Frame of(SyncMessage message) {
        return new Frame(message, Content.EMPTY);
    }
}
