package io.foldersync.web;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import io.foldersync.config.SyncProperties;

/**
 * Everything over HTTP needs the admin token except {@code /actuator/health} (details only with
 * the token) and {@code /actuator/prometheus}. A missing or wrong token gets 401 with a JSON body.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurity {

    @Bean
    SecurityFilterChain adminTokenChain(HttpSecurity http, SyncProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new AdminTokenFilter(properties.adminToken()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.getOutputStream().write(("{\"status\":401,\"error\":\"unauthorized\","
                            + "\"message\":\"send Authorization: Bearer <foldersync.admin-token>\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }));
        return http.build();
    }

    /** No user accounts: the token is the only credential (this also stops Boot generating a password). */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException(username);
        };
    }
}
