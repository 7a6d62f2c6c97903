package io.foldersync.server.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.foldersync.config.InvalidSettingException;
import io.foldersync.protocol.Handshake;

class ClientTokensTest {

    static final String SHARED = "shared-token-0123456789";

    final ClientTokens tokens = new ClientTokens(SHARED, Map.of("boss", "boss-token-0123456789"));

    @Test
    void aBoundClientProvesItsOwnTokenAndEveryOtherTheSharedOne() {
        String nonce = Handshake.newNonce();
        assertThat(tokens.forClient("boss").clientAnswer(nonce, nonce, ""))
                .isEqualTo(new Handshake("boss-token-0123456789").clientAnswer(nonce, nonce, ""))
                .isNotEqualTo(new Handshake(SHARED).clientAnswer(nonce, nonce, ""));
        assertThat(tokens.forClient("laptop").clientAnswer(nonce, nonce, ""))
                .isEqualTo(new Handshake(SHARED).clientAnswer(nonce, nonce, ""));
    }

    @Test
    void namesTheGrantsAnyHolderOfTheSharedTokenCouldUse() {
        assertThat(tokens.unbound(List.of("boss", "laptop", "*", "laptop", "build"))).containsExactly("build", "laptop");
        assertThat(tokens.unbound(List.of("boss", "*"))).isEmpty();
    }

    @Test
    void refusesAClientTokenEqualToTheSharedOneNamingTheProperty() {
        assertThatThrownBy(() -> new ClientTokens(SHARED, Map.of("boss", SHARED)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("foldersync.client-tokens.boss");
    }
}
