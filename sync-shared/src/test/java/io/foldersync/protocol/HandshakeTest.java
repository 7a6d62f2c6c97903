package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The mutual proof of the handshake, checked against an HMAC computed independently here. */
class HandshakeTest {

    private static final String TOKEN = "a-shared-token-of-some-length";

    private static final String CLIENT_NONCE = "c1".repeat(16);

    private static final String SERVER_NONCE = "5e".repeat(16);

    /** A server certificate's fingerprint as a side sees it on a TLS connection. */
    private static final String FP = "ab".repeat(32);

    private final Handshake handshake = new Handshake(TOKEN);

    @Test
    void clientAnswerIsHmacOfClientServerNonceClientNonceFingerprint() throws Exception {
        assertThat(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP))
                .isEqualTo(hmacSha256Hex(TOKEN, "client|" + SERVER_NONCE + "|" + CLIENT_NONCE + "|" + FP));
    }

    @Test
    void serverProofIsHmacOfServerClientNonceServerNonceFingerprint() throws Exception {
        assertThat(handshake.serverProof(CLIENT_NONCE, SERVER_NONCE, FP))
                .isEqualTo(hmacSha256Hex(TOKEN, "server|" + CLIENT_NONCE + "|" + SERVER_NONCE + "|" + FP));
    }

    @Test
    void onAPlainConnectionTheFingerprintIsEmptyButTheSeparatorStays() throws Exception {
        assertThat(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, ""))
                .isEqualTo(hmacSha256Hex(TOKEN, "client|" + SERVER_NONCE + "|" + CLIENT_NONCE + "|"));
        assertThat(handshake.serverProof(CLIENT_NONCE, SERVER_NONCE, ""))
                .isEqualTo(hmacSha256Hex(TOKEN, "server|" + CLIENT_NONCE + "|" + SERVER_NONCE + "|"));
    }

    @Test
    void aRelayShowingAnotherCertificateGetsProofsThatDoNotVerify() {
        // the client sees the relay's certificate, the server its own: the two fingerprints differ
        String relays = "cd".repeat(32);
        assertThat(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, relays))
                .isNotEqualTo(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP));
        assertThat(handshake.serverProof(CLIENT_NONCE, SERVER_NONCE, FP))
                .isNotEqualTo(handshake.serverProof(CLIENT_NONCE, SERVER_NONCE, relays));
    }

    @Test
    void matchesAKnownAnswerFromRfc4231TestCase2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(new Handshake("Jefe").hmac("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void usesTheUtf8BytesOfANonAsciiToken() throws Exception {
        String token = "jeton-secret-ünïcödé";

        assertThat(new Handshake(token).clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP))
                .isEqualTo(hmacSha256Hex(token, "client|" + SERVER_NONCE + "|" + CLIENT_NONCE + "|" + FP));
    }

    @Test
    void answerIsLowerCaseHexOf32Bytes() {
        assertThat(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP)).matches("[0-9a-f]{64}");
    }

    @Test
    void clientAnswerCannotBeReplayedAsServerProof() {
        // the same two nonces in every order: the prefixes still keep the two apart
        assertThat(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP))
                .isNotEqualTo(handshake.serverProof(CLIENT_NONCE, SERVER_NONCE, FP))
                .isNotEqualTo(handshake.serverProof(SERVER_NONCE, CLIENT_NONCE, FP));
        assertThat(handshake.clientAnswer("n".repeat(32), "n".repeat(32), FP))
                .isNotEqualTo(handshake.serverProof("n".repeat(32), "n".repeat(32), FP));
    }

    @Test
    void aDifferentTokenGivesADifferentAnswer() {
        assertThat(new Handshake(TOKEN + "x").clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP))
                .isNotEqualTo(handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP));
    }

    @Test
    void matchesComparesWholeStrings() {
        String expected = handshake.clientAnswer(SERVER_NONCE, CLIENT_NONCE, FP);

        assertThat(Handshake.matches(expected, new String(expected))).isTrue();
        assertThat(Handshake.matches(expected, null)).isFalse();
        assertThat(Handshake.matches(expected, "")).isFalse();
        assertThat(Handshake.matches(expected, expected.substring(0, 63))).isFalse();
        assertThat(Handshake.matches(expected, expected + "0")).isFalse();
        assertThat(Handshake.matches(expected, expected.toUpperCase())).isFalse();
        assertThat(Handshake.matches(expected, flipLastCharacter(expected))).isFalse();
    }

    @Test
    void newNonceIs64LowerCaseHexCharacters() {
        assertThat(Handshake.newNonce()).matches("[0-9a-f]{64}").hasSizeGreaterThanOrEqualTo(Limits.MIN_NONCE_LENGTH);
    }

    @Test
    void newNonceDiffersBetweenCalls() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            nonces.add(Handshake.newNonce());
        }

        assertThat(nonces).hasSize(100);
    }

    private static String flipLastCharacter(String s) {
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static String hmacSha256Hex(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
