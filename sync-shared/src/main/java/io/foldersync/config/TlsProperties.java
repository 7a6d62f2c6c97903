package io.foldersync.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * {@code foldersync.tls.*}: how the sync port is protected (INTERFACE.md, "Properties").
 *
 * @param enabled the sync port speaks TLS (default); {@code false}, plain TCP, must be set on both sides
 * @param bundle server only: the Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
 *        {@code spring.ssl.bundle.jks.<name>}) holding the server's certificate; without it the server
 *        generates a self-signed one beside its state database
 */
@Validated
@ConfigurationProperties("foldersync.tls")
public record TlsProperties(@DefaultValue("true") boolean enabled, String bundle) {

    @AssertTrue(message = "foldersync.tls.bundle is set but foldersync.tls.enabled is false: a plain sync port uses no certificate")
    public boolean isBundleValid() {
        return bundle == null || bundle.isBlank() || enabled;
    }

    /** The bundle's name, or null when none is configured. */
    public String bundleName() {
        return bundle == null || bundle.isBlank() ? null : bundle.strip();
    }
}
