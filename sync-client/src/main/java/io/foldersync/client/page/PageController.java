package io.foldersync.client.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import io.foldersync.client.link.ServerLink;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /}: the login form, or the page once logged in. Both are plain HTML files shipped in
 * the jar ({@code page/login.html}, {@code page/index.html}); the only values put into them are
 * this client's id and the session's CSRF token, HTML-escaped. The script and style sheet are
 * static files under {@code /ui/assets/}.
 */
@Controller
class PageController {

    private final String loginTemplate = template("page/login.html");

    private final String pageTemplate = template("page/index.html");

    private final ServerLink link;

    PageController(ServerLink link) {
        this.link = link;
    }

    @GetMapping("/")
    ResponseEntity<String> page(HttpServletRequest request, Authentication authentication) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean loggedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        String html = (loggedIn ? pageTemplate : loginTemplate)
                .replace("{{clientId}}", HtmlUtils.htmlEscape(link.clientId()))
                .replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf == null ? "" : csrf.getHeaderName()))
                .replace("{{csrfParameter}}", HtmlUtils.htmlEscape(csrf == null ? "" : csrf.getParameterName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf == null ? "" : csrf.getToken()))
                .replace("{{message}}", loggedIn ? "" : HtmlUtils.htmlEscape(loginMessage(request)))
                .replace("{{messageClass}}", request.getParameter("error") != null ? "message error" : "message");
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(html);
    }

    private static String loginMessage(HttpServletRequest request) {
        if (request.getParameter("error") != null) {
            return "That is not this client's admin token (foldersync.admin-token).";
        }
        if (request.getParameter("out") != null) {
            return "Logged out.";
        }
        if (request.getParameter("expired") != null) {
            return "The session expired. Log in again.";
        }
        return "";
    }

    private static String template(String name) {
        try (InputStream in = new ClassPathResource(name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("missing page template " + name, e);
        }
    }
}
