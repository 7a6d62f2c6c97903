package io.foldersync.client.page;

import org.springframework.http.HttpStatus;

/** Something the page asked that cannot be done, with the status and code its answer carries. */
class PageProblem extends RuntimeException {

    private final HttpStatus status;

    private final String code;

    PageProblem(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
