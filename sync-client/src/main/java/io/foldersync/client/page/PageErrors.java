package io.foldersync.client.page;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.foldersync.client.remote.RequestRefused;
import io.foldersync.web.ApiException;

/**
 * The page's errors: {@code {"status":403,"code":"NOT_ALLOWED","message":"..."}}, the shape of the
 * REST errors plus the protocol's code, so the page can say exactly what happened.
 */
final class PageErrors {

    private PageErrors() {
    }

    static ResponseEntity<Map<String, Object>> of(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("code", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** A refusal by the server (or no server to ask), with the HTTP status that fits its code. */
    static ResponseEntity<Map<String, Object>> refused(RequestRefused e) {
        HttpStatus status = switch (e.code()) {
            case "NOT_ALLOWED" -> HttpStatus.FORBIDDEN;
            case "BUSY" -> HttpStatus.CONFLICT;
            case "UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
            case "TOO_LARGE" -> HttpStatus.CONTENT_TOO_LARGE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        return of(status, e.code(), e.getMessage());
    }

    static ResponseEntity<Map<String, Object>> of(ApiException e) {
        String code = switch (e.status()) {
            case FORBIDDEN -> "NOT_ALLOWED";
            case NOT_FOUND -> "NOT_FOUND";
            case SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT -> "UNAVAILABLE";
            default -> e.status().name();
        };
        return of(e.status(), code, e.getMessage());
    }
}
