package io.foldersync.server.command;

import io.foldersync.protocol.ErrorCode;

/** A run that did not start: not configured or not granted ({@code NOT_ALLOWED}), busy, or no usable folder. */
public class CommandRefused extends Exception {

    private final ErrorCode code;

    public CommandRefused(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
