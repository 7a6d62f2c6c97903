package io.foldersync.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.foldersync.files.TextFiles;
import io.foldersync.link.tls.Fingerprints;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The client's own {@code foldersync.*} settings; the shared ones are in
 * {@link io.foldersync.config.SyncProperties}.
 *
 * @param serverHost where the server is
 * @param serverPort its sync port
 * @param localFolder the local mirror of the server's active folder (created when missing)
 * @param clientId how the server names this client; default: host name + "-" + short hash of the local folder
 * @param serverFingerprint optional pin: SHA-256 of the server's TLS certificate (lower-case hex; the
 *        {@code AB:CD:..} form openssl prints is accepted too); a server presenting another one is refused
 */
@Validated
@ConfigurationProperties("foldersync")
public record ClientProperties(
        @DefaultValue("localhost") @NotBlank String serverHost,
        @DefaultValue("7070") @Min(1) @Max(65535) int serverPort,
        @NotNull(message = "is required: the local folder that mirrors the server's active folder") Path localFolder,
        String clientId,
        String serverFingerprint) {

    @AssertTrue(message = "foldersync.server-fingerprint must be the 64 hex digits of a SHA-256 (e.g. openssl x509 -noout -fingerprint -sha256)")
    public boolean isServerFingerprintValid() {
        return serverFingerprint == null || serverFingerprint.isBlank() || Fingerprints.isWellFormed(serverFingerprint);
    }

    /** The pin in canonical form (lower-case hex), or null when none is configured. */
    public String pinnedFingerprint() {
        return serverFingerprint == null || serverFingerprint.isBlank() ? null : Fingerprints.normalize(serverFingerprint);
    }

    /** The configured client id, or the default one. */
    public String effectiveClientId() {
        if (clientId != null && !clientId.isBlank()) {
            return clientId;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            host = "client";
        }
        String folder = localFolder.toAbsolutePath().normalize().toString();
        return host + "-" + TextFiles.sha256(folder.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
}
