package io.foldersync.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual proof of the handshake (protocol version 2). Both sides show they know the token
 * without sending it: the client answers the server's nonce with
 * {@code H("client|" + serverNonce + "|" + clientNonce + "|" + fp)}, the server proves itself with
 * {@code H("server|" + clientNonce + "|" + serverNonce + "|" + fp)}. The different prefixes keep one
 * side's answer from being replayed as the other's.
 *
 * <p>{@code fp} is the SHA-256 fingerprint of the server's TLS certificate as each side sees it on
 * this connection ({@code ""} on a plain connection). It binds the proof to the TLS session: a relay
 * that terminates TLS with a certificate of its own shows the client another fingerprint than the
 * server's, so neither side's proof verifies on the other, and nobody had to configure trust.
 */
public final class Handshake {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public Handshake(String token) {
        this.key = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh nonce: 32 random bytes as 64 lower-case hex characters. */
    public static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The client's AUTH hmac; {@code fingerprint} is the server certificate's as the client sees it ("" on plain TCP). */
    public String clientAnswer(String serverNonce, String clientNonce, String fingerprint) {
        return hmac("client|" + serverNonce + "|" + clientNonce + "|" + fingerprint);
    }

    /** The server's WELCOME proof; {@code fingerprint} is the server's own certificate's ("" on plain TCP). */
    public String serverProof(String clientNonce, String serverNonce, String fingerprint) {
        return hmac("server|" + clientNonce + "|" + serverNonce + "|" + fingerprint);
    }

    /** Constant-time comparison, so the time taken says nothing about how much of a guess was right. */
    public static boolean matches(String expected, String actual) {
        if (actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
