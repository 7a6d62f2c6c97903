package io.foldersync.web;

import org.springframework.http.HttpStatus;

/** An HTTP error with a status and a message for the operator; {@link ApiErrors} renders it as JSON. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
