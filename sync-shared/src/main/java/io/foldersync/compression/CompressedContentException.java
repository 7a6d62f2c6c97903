package io.foldersync.compression;

import java.io.IOException;

/** Compressed content that is refused: it would exceed a limit, or it is not what it claims to be. */
public class CompressedContentException extends IOException {

    private final boolean tooLarge;

    CompressedContentException(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    /** The declared size exceeds max-file-bytes (TOO_LARGE), rather than the content being corrupt. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
