package io.foldersync.web;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of foldersync's own REST endpoints is a JSON body of the same shape as the 401 of
 * {@link AdminSecurity}: {@code {"status":404,"error":"not found","message":"unknown folder: x"}}.
 * Limited to foldersync's controllers; Boot's {@code /error} answers everything else in JSON too.
 */
@RestControllerAdvice(basePackages = "io.foldersync")
public class ApiErrors {

    private static final Log log = LogFactory.getLog(ApiErrors.class);

    /** The JSON body of an HTTP error. */
    public record ApiError(int status, String error, String message) {

        public static ResponseEntity<ApiError> of(HttpStatus status, String message) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError(status.value(), status.getReasonPhrase().toLowerCase(Locale.ROOT), message));
        }
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ApiError.of(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ApiError.of(HttpStatus.BAD_REQUEST, "the body must be JSON such as {\"name\":\"notes\"}");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ApiError.of(HttpStatus.BAD_REQUEST, "bad value for " + e.getName() + ": " + e.getValue());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return ApiError.of(status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR, response.getBody().getDetail());
        }
        log.error("HTTP request failed", e);
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the log");
    }
}
