package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.folder.Folders;
import io.foldersync.server.web.Http;

/**
 * Grants per client id, through a client's REST API and its page, over real HTTP against a real
 * server and two clients: "boss" may switch the folder and run {@code hello}, "plain" may only
 * sync. Also the page's access rules (session, CSRF, logout) and restoring a version the server
 * kept from this client.
 */
class PagePermissionsTest {

    @TempDir
    static Path base;

    static SyncCluster cluster;

    static SyncCluster.ClientNode boss;

    static SyncCluster.ClientNode plain;

    static final String BOSS_TOKEN = "boss-own-sync-token-0123456789";

    @BeforeAll
    static void start() {
        cluster = SyncCluster.create(base, "docs", "notes");
        write(cluster.serverFolder("docs").resolve("a.txt"), "a v1\n");
        write(cluster.serverFolder("docs").resolve("b.txt"), "b v1\n");
        cluster.startServer("--foldersync.permissions.switch-folder=boss",
                "--foldersync.commands.hello.args=printf,hello from %s\\n,the server",
                "--foldersync.commands.hello.clients=boss",
                "--foldersync.client-tokens.boss=" + BOSS_TOKEN);
        boss = cluster.startClient("boss", "--foldersync.token=" + BOSS_TOKEN); // its grants are bound to its own token
        plain = cluster.startClient("plain");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(tree(boss.folder())).containsEntry("a.txt", "a v1\n").containsEntry("b.txt", "b v1\n");
            assertThat(tree(plain.folder())).containsEntry("a.txt", "a v1\n").containsEntry("b.txt", "b v1\n");
        });
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static double denied(String action) {
        return cluster.server().counter("foldersync.permission.denied", "action", action);
    }

    @Test
    void aClientWithoutTheGrantCannotSwitchTheFolderAndOneWithItCan() {
        Folders folders = cluster.server().bean(Folders.class);
        double before = denied("switch-folder");
        Http.Response api = Http.put(plain.httpPort(), "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"notes\"}");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("message").asString()).contains("plain may not switch the active folder");
        PageSession page = PageSession.login(plain.httpPort(), ADMIN_TOKEN);
        assertThat(page.get("/ui/api/folders").json().get("maySwitch").asBoolean()).isFalse();
        Http.Response refused = page.post("/ui/api/folders/active", "{\"name\":\"notes\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("NOT_ALLOWED");
        assertThat(folders.active()).isEqualTo("docs");
        assertThat(denied("switch-folder")).isEqualTo(before + 2);

        PageSession granted = PageSession.login(boss.httpPort(), ADMIN_TOKEN);
        assertThat(granted.get("/ui/api/folders").json().get("maySwitch").asBoolean()).isTrue();
        Http.Response switched = granted.post("/ui/api/folders/active", "{\"name\":\"notes\"}");
        assertThat(switched.status()).isEqualTo(200);
        assertThat(folders.active()).isEqualTo("notes");
        assertThat(Http.put(boss.httpPort(), "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"docs\"}").status())
                .isEqualTo(200);
        assertThat(folders.active()).isEqualTo("docs");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(tree(plain.folder())).containsEntry("a.txt", "a v1\n"));
    }

    @Test
    void anotherClientPresentingTheGrantedIdWithTheSharedTokenIsRefusedAndTheRealOneStays() {
        Folders folders = cluster.server().bean(Folders.class);
        SyncCluster.ClientNode impostor = cluster.startClient("impostor", "--foldersync.client-id=boss");
        try {
            PageSession page = PageSession.login(impostor.httpPort(), ADMIN_TOKEN);
            await().atMost(CONVERGE).untilAsserted(() -> {
                JsonNode status = page.get("/ui/api/status").json();
                assertThat(status.get("state").asString()).isEqualTo("refused");
                assertThat(status.get("words").asString()).startsWith("Token refused");
            });
            assertThat(Http.put(impostor.httpPort(), "/api/folders/active", ADMIN_TOKEN, "{\"name\":\"notes\"}").status())
                    .isNotEqualTo(200);
            assertThat(folders.active()).isEqualTo("docs");
            // the real boss was not replaced by the connection that claimed its id
            assertThat(PageSession.login(boss.httpPort(), ADMIN_TOKEN).get("/ui/api/status").json().get("state").asString())
                    .isEqualTo("connected");
        }
        finally {
            impostor.stop();
        }
    }

    @Test
    void aClientWithoutTheGrantCannotRunACommandAndOneWithItCan() {
        PageSession page = PageSession.login(plain.httpPort(), ADMIN_TOKEN);
        assertThat(page.get("/ui/api/commands").json().get("commands")).isEmpty();
        Http.Response refused = page.post("/ui/api/commands/run", "{\"name\":\"hello\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("NOT_ALLOWED");
        assertThat(refused.json().get("message").asString()).contains("plain may not run command hello");

        PageSession granted = PageSession.login(boss.httpPort(), ADMIN_TOKEN);
        JsonNode commands = granted.get("/ui/api/commands").json().get("commands");
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).get("name").asString()).isEqualTo("hello");
        Http.Response run = granted.post("/ui/api/commands/run", "{\"name\":\"hello\"}");
        assertThat(run.status()).isEqualTo(202);
        await().atMost(CONVERGE).untilAsserted(() -> {
            JsonNode last = granted.get("/ui/api/commands").json().get("last");
            assertThat(last.get("state").asString()).isEqualTo("done");
            assertThat(last.get("exitCode").asInt()).isZero();
            assertThat(last.get("output").asString()).isEqualTo("hello from the server\n");
            assertThat(last.get("folder").asString()).isEqualTo("docs");
        });
    }

    @Test
    void restoresAVersionTheServerKeptFromThisClientAsAnOrdinaryEdit() throws IOException {
        Path loser = base.resolve("boss-lost.txt");
        Files.writeString(loser, "b as boss wrote it\n");
        long id = cluster.server().bean(ConflictKeeper.class)
                .keepCopy("docs", "b.txt", loser, "cafe", 1000, 19, "boss", "server").id();
        PageSession page = PageSession.login(boss.httpPort(), ADMIN_TOKEN);
        JsonNode conflicts = page.get("/ui/api/attention").json().get("conflicts");
        assertThat(conflicts).anySatisfy(c -> {
            assertThat(c.get("source").asString()).isEqualTo("server");
            assertThat(c.get("key").asString()).isEqualTo(Long.toString(id));
            assertThat(c.get("restorable").asBoolean()).isTrue();
        });
        assertThat(PageSession.login(plain.httpPort(), ADMIN_TOKEN).get("/ui/api/attention").json().get("conflicts"))
                .noneSatisfy(c -> assertThat(c.get("key").asString()).isEqualTo(Long.toString(id)));

        JsonNode diff = page.get("/ui/api/conflicts/diff?source=server&key=" + id).json().get("diff");
        assertThat(diff.get("rows").get(0).get("type").asString()).isEqualTo("change");
        assertThat(diff.get("rows").get(0).get("left").asString()).isEqualTo("b v1");
        assertThat(diff.get("rows").get(0).get("right").asString()).isEqualTo("b as boss wrote it");

        Http.Response restored = page.post("/ui/api/conflicts/restore", "{\"source\":\"server\",\"key\":\"" + id + "\"}");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("conflicts")).noneSatisfy(c -> assertThat(c.get("key").asString()).isEqualTo(Long.toString(id)));
        await().atMost(CONVERGE).until(() -> has(cluster.serverFolder("docs").resolve("b.txt"), "b as boss wrote it\n"));
        await().atMost(CONVERGE).until(() -> has(plain.folder().resolve("b.txt"), "b as boss wrote it\n"));
    }

    @Test
    void oneConflictSeenFromBothSidesIsListedOnceAndSettledTogether() throws IOException {
        // the server kept boss's losing version of a.txt, and boss kept the same content beside its a.txt
        String lost = "a as boss had it\n";
        Path loser = base.resolve("boss-a.txt");
        Files.writeString(loser, lost);
        long id = cluster.server().bean(ConflictKeeper.class).keepCopy("docs", "a.txt", loser,
                io.foldersync.files.TextFiles.sha256(lost.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1000,
                lost.length(), "boss", "server").id();
        Path copy = boss.folder().resolve("a.sync-conflict-20260101-120000.txt");
        Files.writeString(copy, lost);
        PageSession page = PageSession.login(boss.httpPort(), ADMIN_TOKEN);
        JsonNode conflicts = page.get("/ui/api/attention").json().get("conflicts");
        assertThat(conflicts).filteredOn(c -> c.get("path").asString().equals("a.txt")).singleElement().satisfies(c -> {
            assertThat(c.get("source").asString()).isEqualTo("local");
            assertThat(c.get("alsoOnServer").asString()).isEqualTo(Long.toString(id));
        });
        Http.Response kept = page.post("/ui/api/conflicts/keep-current",
                "{\"source\":\"local\",\"key\":\"a.sync-conflict-20260101-120000.txt\"}");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().get("conflicts")).noneSatisfy(c -> assertThat(c.get("path").asString()).isEqualTo("a.txt"));
        assertThat(copy).doesNotExist();
        // the server keeps its copy for its admin: only hidden from this page
        assertThat(cluster.server().bean(ConflictKeeper.class).get(id)).isPresent();
    }

    @Test
    void thePageNeedsTheSessionAndItsCsrfTokenAndNeverTakesTheTokenInAUrl() {
        int port = plain.httpPort();
        PageSession wrong = PageSession.login(port, "not-the-admin-token-0123456789");
        assertThat(wrong.loginLocation).endsWith("/?error").doesNotContain("not-the-admin-token");
        assertThat(wrong.get("/?error").body()).contains("That is not this client&#39;s admin token");
        assertThat(wrong.get("/ui/api/status").status()).isEqualTo(401);
        assertThat(plain.counter("foldersync.page.login.failures")).isPositive();

        PageSession page = PageSession.login(port, ADMIN_TOKEN);
        assertThat(page.loginLocation).endsWith("/");
        assertThat(page.loginCookies).anySatisfy(cookie -> assertThat(cookie).startsWith("FOLDERSYNC_")
                .contains("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        assertThat(page.readPage()).contains("csrf-token").doesNotContain(ADMIN_TOKEN);
        assertThat(page.get("/ui/api/status").json().get("state").asString()).isEqualTo("connected");
        // a request from another site carries no CSRF token: refused, and nothing changes
        Http.Response forged = page.post("/ui/api/commands/run", "{\"name\":\"hello\"}", false);
        assertThat(forged.status()).isEqualTo(403);
        // the bearer token is for the REST API, not for the page's
        assertThat(Http.get(port, "/ui/api/status", ADMIN_TOKEN).status()).isEqualTo(401);
        assertThat(Http.get(port, "/actuator/sync", ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(Http.get(port, "/actuator/health", null).status()).isEqualTo(200);
        assertThat(page.logout().status()).isEqualTo(302);
        assertThat(page.get("/ui/api/status").status()).isEqualTo(401);
    }
}
