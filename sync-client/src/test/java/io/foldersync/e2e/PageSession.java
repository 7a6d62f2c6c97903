package io.foldersync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.server.web.Http;

/**
 * A logged-in session on a client's page over plain HTTP, as a browser holds it: the login form
 * (with its CSRF field), the session cookie, and the CSRF header on every state-changing request.
 */
final class PageSession {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");

    private static final Pattern META = Pattern.compile("<meta name=\"(csrf-header|csrf-token)\" content=\"([^\"]*)\">");

    final int port;

    final HttpClient client;

    /** The Set-Cookie headers of the login's answer. */
    final List<String> loginCookies;

    /** Where the login's answer redirected to. */
    final String loginLocation;

    private String csrfHeader;

    private String csrfToken;

    private PageSession(int port, HttpClient client, List<String> loginCookies, String loginLocation) {
        this.port = port;
        this.client = client;
        this.loginCookies = loginCookies;
        this.loginLocation = loginLocation;
    }

    /** Fills in the login form with {@code token}; the session is logged in only when the token is right. */
    static PageSession login(int port, String token) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String form = send(client, HttpRequest.newBuilder(uri(port, "/")).GET().build()).body();
        Matcher field = FORM_CSRF.matcher(form.substring(form.indexOf("<form")));
        if (!field.find()) {
            throw new AssertionError("no CSRF field in the login form: " + form);
        }
        String body = "user=&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&" + field.group(1) + "="
                + URLEncoder.encode(field.group(2), StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(client, HttpRequest.newBuilder(uri(port, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        PageSession session = new PageSession(port, client, answer.headers().allValues("Set-Cookie"),
                answer.headers().firstValue("Location").orElse(""));
        session.readPage();
        return session;
    }

    /** The page as this session sees it (the login form when not logged in); remembers its CSRF token. */
    String readPage() {
        String page = send(client, HttpRequest.newBuilder(uri(port, "/")).GET().build()).body();
        Matcher meta = META.matcher(page);
        while (meta.find()) {
            if (meta.group(1).equals("csrf-header")) {
                csrfHeader = meta.group(2);
            }
            else {
                csrfToken = meta.group(2);
            }
        }
        return page;
    }

    Http.Response get(String path) {
        return response(send(client, HttpRequest.newBuilder(uri(port, path)).GET().build()));
    }

    Http.Response post(String path, String json) {
        return post(path, json, true);
    }

    /** A POST with the session's cookie, with or without the CSRF header. */
    Http.Response post(String path, String json, boolean withCsrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (withCsrf) {
            request.header(csrfHeader, csrfToken);
        }
        return response(send(client, request.build()));
    }

    /** Logs out with the logout form's POST. */
    Http.Response logout() {
        return response(send(client, HttpRequest.newBuilder(uri(port, "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8)))
                .build()));
    }

    private static Http.Response response(HttpResponse<String> r) {
        return new Http.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
