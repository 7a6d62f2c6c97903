package io.foldersync.client.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.foldersync.client.page.ConnectionWords.Connection;
import io.foldersync.client.page.ConnectionWords.Observation;

/** The connection state in words, from what the link and the connector know at each look. */
class ConnectionWordsTest {

    static final String SERVER = "files.example.org:7070";

    final ConnectionWords words = new ConnectionWords();

    Connection look(boolean ready, boolean connecting, String lastError, String failure, long now) {
        return words.describe(new Observation(ready, connecting, lastError, failure, SERVER, now));
    }

    @Test
    void connected() {
        assertThat(look(true, false, null, null, 0)).isEqualTo(new Connection("connected", "Connected to " + SERVER));
    }

    @Test
    void serverDownWhenNothingAnswers() {
        Connection c = look(false, false, null, "ConnectException: Connection refused", 0);
        assertThat(c.state()).isEqualTo("down");
        assertThat(c.words()).startsWith("Server down: nothing answers at " + SERVER);
    }

    @Test
    void unknownHostAndTimeoutsAreToldApart() {
        assertThat(look(false, false, null, "UnknownHostException: files.example.org", 0).words())
                .startsWith("Server not found");
        assertThat(look(false, false, null, "SocketTimeoutException: Connect timed out", 0).words())
                .startsWith("Server unreachable: connecting to " + SERVER + " timed out");
    }

    @Test
    void tokenRefusedNeedsAnOperator() {
        Connection c = look(false, false, "AUTH_FAILED: authentication failed", null, 0);
        assertThat(c.state()).isEqualTo("refused");
        assertThat(c.words()).contains("does not accept this client's foldersync.token");
        assertThat(look(false, false, "the server could not prove it knows foldersync.token", null, 0).words())
                .contains("could not prove it knows the token");
        assertThat(look(false, false, "UNSUPPORTED_VERSION: this server speaks protocol version 2", null, 0).words())
                .contains("another protocol version");
    }

    @Test
    void aServerGoneDownAfterARefusalIsReportedDown() {
        assertThat(look(false, false, "AUTH_FAILED: authentication failed", "ConnectException: Connection refused", 0)
                .state()).isEqualTo("down");
    }

    @Test
    void aHandshakeThatHangsIsReportedAsTimedOut() {
        assertThat(look(false, true, null, null, 1_000).words()).contains("handshake in progress");
        Connection stuck = look(false, true, null, null, 1_000 + ConnectionWords.SLOW_HANDSHAKE_MS + 1_000);
        assertThat(stuck.state()).isEqualTo("connecting");
        assertThat(stuck.words()).startsWith("The handshake with " + SERVER + " timed out");
    }

    @Test
    void aConnectionLostDuringTheHandshakeSaysSoUntilTheNextSuccess() {
        look(false, true, null, null, 0);
        assertThat(look(false, false, null, null, 100).words()).contains("handshake with " + SERVER + " did not complete");
        assertThat(look(false, false, null, null, 200).words()).contains("did not complete");
        look(true, false, null, null, 300);
        assertThat(look(false, false, null, null, 400).words()).isEqualTo("Not connected to " + SERVER + "; reconnecting");
    }
}
