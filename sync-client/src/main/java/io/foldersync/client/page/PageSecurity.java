package io.foldersync.client.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.servlet.Session;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

import io.foldersync.client.ClientProperties;
import io.foldersync.config.SyncProperties;
import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Handshake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Access to the page: the admin token is typed once into the login form ({@code POST /login},
 * never in a URL), then a session cookie carries the login (HttpOnly, SameSite=Strict, cookie
 * tracking only, a name of this client's own so two clients on one host do not log each other
 * out). Every state-changing request needs the session's CSRF token (a header the page's script
 * sends, or the form field of the login form). This chain covers {@code /}, {@code /login},
 * {@code /logout} and {@code /ui/**}; everything else stays with the bearer-token chain of
 * {@link io.foldersync.web.AdminSecurity}, so scripts work as before.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

    private static final Log log = LogFactory.getLog(PageSecurity.class);

    /** Content Security Policy: the page's own files only, no inline script, never framed. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pageChain(HttpSecurity http, SyncProperties properties, MeterRegistry meters) throws Exception {
        Counter failures = Counter.builder("foldersync.page.login.failures")
                .description("Logins to the page refused (wrong admin token)").register(meters);
        SimpleUrlAuthenticationFailureHandler wrongToken = new SimpleUrlAuthenticationFailureHandler("/?error") {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                    org.springframework.security.core.AuthenticationException e) throws IOException, jakarta.servlet.ServletException {
                failures.increment();
                log.warn("refused a login to the page from " + request.getRemoteAddr() + ": wrong admin token");
                super.onAuthenticationFailure(request, response, e);
            }
        };
        http.securityMatcher("/", "/login", "/logout", "/ui/**")
                .authenticationManager(new ProviderManager(adminTokenLogin(properties.adminToken())))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/", "/ui/assets/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/").loginProcessingUrl("/login")
                        .usernameParameter("user").passwordParameter("token")
                        .defaultSuccessUrl("/", true).failureHandler(wrongToken))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?out"))
                .httpBasic(basic -> basic.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> json(response, 401, "UNAUTHENTICATED",
                                "log in first: open / and enter the admin token"))
                        .accessDeniedHandler((request, response, e) -> {
                            if (request.getRequestURI().equals("/login") || request.getRequestURI().equals("/logout")) {
                                response.sendRedirect("/?expired"); // a form from an old session
                                return;
                            }
                            json(response, 403, "FORBIDDEN", "missing or stale CSRF token: reload the page");
                        }));
        return http.build();
    }

    /** The admin token is the only credential: compared in constant time, whatever the user name. */
    static AuthenticationProvider adminTokenLogin(String adminToken) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Object given = authentication.getCredentials();
                if (given instanceof String token && !token.isEmpty() && Handshake.matches(adminToken, token)) {
                    return UsernamePasswordAuthenticationToken.authenticated("admin", null,
                            List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
                }
                throw new BadCredentialsException("wrong admin token");
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    /**
     * The session cookie: HttpOnly, SameSite=Strict, tracked by cookie only (a session id never
     * goes into a URL), named after this client. Runs after Boot's own customizer, so the idle
     * timeout ({@code server.servlet.session.timeout}) stays configurable.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> pageSessionCookie(ClientProperties client) {
        return new PageSessionCookie(cookieName(client.effectiveClientId()));
    }

    static String cookieName(String clientId) {
        return "FOLDERSYNC_" + TextFiles.sha256(clientId.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    private static final class PageSessionCookie
            implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

        private final String name;

        PageSessionCookie(String name) {
            this.name = name;
        }

        @Override
        public void customize(ConfigurableServletWebServerFactory factory) {
            Session session = factory.getSettings().getSession();
            session.getCookie().setName(name);
            session.getCookie().setHttpOnly(true);
            session.getCookie().setSameSite(Cookie.SameSite.STRICT);
            session.setTrackingModes(Set.of(Session.SessionTrackingMode.COOKIE));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void json(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
