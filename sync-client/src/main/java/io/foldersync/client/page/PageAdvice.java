package io.foldersync.client.page;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.foldersync.client.remote.RequestRefused;

/** The page's controllers answer problems with {@link PageErrors}' shape (checked before the shared JSON errors). */
@RestControllerAdvice(basePackageClasses = PageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    @ExceptionHandler(PageProblem.class)
    ResponseEntity<Map<String, Object>> problem(PageProblem e) {
        return PageErrors.of(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<Map<String, Object>> refused(RequestRefused e) {
        return PageErrors.refused(e);
    }
}
