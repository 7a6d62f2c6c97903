package io.foldersync.bench.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    /** The server's /actuator/sync shape: contract fields first, then nested client details. */
    private static final String SERVER = """
            {"activeFolder":"bench","trackedFiles":5000,"conflicts":0,"lastSyncAt":"2026-12-01T01:03:20.450423555Z",
             "connectedClients":1,"note":"a \\"quoted\\" {brace} and trackedFiles: 1",
             "clients":[{"clientId":"c","trackedFiles":12,"lastSyncAt":null}],"activeFolderPath":"/tmp/x"}
            """;

    @Test
    void readsTopLevelFieldsOnly() {
        assertThat(JsonFields.number(SERVER, "trackedFiles")).contains(5000L);
        assertThat(JsonFields.string(SERVER, "lastSyncAt")).contains("2026-12-01T01:03:20.450423555Z");
        assertThat(JsonFields.string(SERVER, "activeFolderPath")).contains("/tmp/x");
        assertThat(JsonFields.raw(SERVER, "clientId")).isEmpty();
    }

    @Test
    void stringsMayHoldQuotesBracesAndFieldNames() {
        assertThat(JsonFields.string(SERVER, "note")).contains("a \"quoted\" {brace} and trackedFiles: 1");
    }

    @Test
    void nullsBooleansAndAbsentFields() {
        String client = "{\"trackedFiles\":0,\"lastSyncAt\":null,\"connected\":false,\"x\":1.5E3}";
        assertThat(JsonFields.string(client, "lastSyncAt")).isEmpty();
        assertThat(JsonFields.bool(client, "connected")).contains(false);
        assertThat(JsonFields.number(client, "x")).contains(1500L);
        assertThat(JsonFields.number(client, "missing")).isEmpty();
        assertThat(JsonFields.bool(client, "trackedFiles")).isEmpty();
    }
}
