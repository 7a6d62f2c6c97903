package io.foldersync.client.page;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import io.foldersync.client.remote.RequestRefused;

/** The page's controllers answer problems with {@link PageErrors}' shape (checked before the shared JSON errors). */
@RestControllerAdvice(basePackageClasses = PageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    @ExceptionHandler(PageProblem.class)
    ResponseEntity<Map<String, Object>> problem(PageProblem e) {
        return PageErrors.of(e.status(), e.code(), e.getMessage());
    }

    /** A page that went away while its live updates were being sent: nothing to answer, nobody to tell. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone() {
    }

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<Map<String, Object>> refused(RequestRefused e) {
        return PageErrors.refused(e);
    }
}
