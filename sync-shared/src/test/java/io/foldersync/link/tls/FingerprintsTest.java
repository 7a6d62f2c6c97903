package io.foldersync.link.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintsTest {

    static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void acceptsLowerCaseHexAndTheFormOpensslPrints() {
        String openssl = HEX.toUpperCase().replaceAll("(..)(?!$)", "$1:");

        assertThat(Fingerprints.isWellFormed(HEX)).isTrue();
        assertThat(Fingerprints.isWellFormed(openssl)).isTrue();
        assertThat(Fingerprints.normalize(openssl)).isEqualTo(HEX);
    }

    @Test
    void refusesWhatIsNotASha256() {
        assertThat(Fingerprints.isWellFormed(HEX.substring(2))).isFalse();
        assertThat(Fingerprints.isWellFormed(HEX + "00")).isFalse();
        assertThat(Fingerprints.isWellFormed(HEX.replace('a', 'g'))).isFalse();
        assertThat(Fingerprints.isWellFormed("a:" + HEX.substring(1))).isFalse();
        assertThat(Fingerprints.isWellFormed(null)).isFalse();
    }
}
