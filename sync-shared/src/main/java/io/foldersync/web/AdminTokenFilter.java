package io.foldersync.web;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.foldersync.protocol.Handshake;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates {@code Authorization: Bearer <foldersync.admin-token>}, compared in constant time. */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final String adminToken;

    AdminTokenFilter(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith(PREFIX) && Handshake.matches(adminToken, header.substring(PREFIX.length()))) {
            UsernamePasswordAuthenticationToken admin = UsernamePasswordAuthenticationToken.authenticated("admin", null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
            SecurityContextHolder.getContext().setAuthentication(admin);
        }
        chain.doFilter(request, response);
    }
}
