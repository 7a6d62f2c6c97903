package io.foldersync.e2e;

import static io.foldersync.e2e.SyncCluster.ADMIN_TOKEN;
import static io.foldersync.e2e.SyncCluster.CONVERGE;
import static io.foldersync.e2e.SyncCluster.has;
import static io.foldersync.e2e.SyncCluster.tree;
import static io.foldersync.e2e.SyncCluster.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.foldersync.server.folder.Folders;

/**
 * The client's page in a real headless Chromium against a real server and two real clients:
 * "alpha" is granted the folder switch and the command {@code hello}, "beta" nothing. One
 * browser for the class; the tests run in order, as a person would use the page: a wrong token,
 * the login, a server edit arriving live, a conflict copy restored, a command run, a refused
 * command, the folder switch (by keyboard). Screenshots of each view go to
 * {@code target/page-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Chromium.Required.class)
class ClientPageBrowserTest {

    static final Duration UI = Duration.ofSeconds(15);

    @TempDir
    static Path base;

    static Chromium browser;

    static SyncCluster cluster;

    static SyncCluster.ClientNode alpha;

    static SyncCluster.ClientNode beta;

    @BeforeAll
    static void start() {
        browser = Chromium.start(1280, 900);
        cluster = SyncCluster.create(base, "docs", "notes");
        write(cluster.serverFolder("docs").resolve("notes.txt"), "first line\nsecond line\nthird line\n");
        write(cluster.serverFolder("docs").resolve("todo.txt"), "- try the page\n");
        write(cluster.serverFolder("notes").resolve("n.txt"), "the notes folder\n");
        cluster.startServer("--foldersync.permissions.switch-folder=alpha",
                "--foldersync.commands.hello.args=printf,hello from %s\\n,the server",
                "--foldersync.commands.hello.clients=alpha",
                "--foldersync.commands.hello.description=Prints a greeting");
        alpha = cluster.startClient("alpha");
        beta = cluster.startClient("beta");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(tree(alpha.folder())).isEqualTo(tree(cluster.serverFolder("docs")));
            assertThat(tree(beta.folder())).isEqualTo(tree(cluster.serverFolder("docs")));
        });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static String url(SyncCluster.ClientNode client) {
        return "http://127.0.0.1:" + client.httpPort() + "/";
    }

    static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    static List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    static String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** Opens a client's page and logs in with the keyboard only (type the token, press Enter). */
    static void logIn(SyncCluster.ClientNode client, String token) {
        browser.driver.get(url(client));
        WebElement field = browser.driver.findElement(By.id("token"));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(field); // the form has the focus
        field.sendKeys(token + Keys.ENTER);
    }

    static void awaitPageReady() {
        await().atMost(UI).until(() -> !all("body[data-ready=true]").isEmpty());
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedWithAClearMessage() {
        logIn(alpha, "not-the-admin-token-0123456789");
        await().atMost(UI).until(() -> browser.driver.getCurrentUrl().endsWith("/?error"));
        assertThat(text("login-message")).contains("That is not this client's admin token");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("not-the-admin-token");
        assertThat(all("#token")).hasSize(1);
        browser.screenshot("1-login-refused");
    }

    @Test
    @Order(2)
    void logsInAndShowsTheMirrorAtAGlance() {
        logIn(alpha, ADMIN_TOKEN);
        awaitPageReady();
        await().atMost(UI).untilAsserted(() -> {
            assertThat(text("conn-badge")).isEqualTo("Connected");
            assertThat(text("st-connection")).startsWith("Connected to 127.0.0.1:");
            assertThat(text("st-folder")).isEqualTo("docs");
            assertThat(text("st-tracked")).isEqualTo("2");
            assertThat(text("st-pending")).isEqualTo("0");
        });
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url(alpha)).doesNotContain(ADMIN_TOKEN);
        Cookie session = browser.driver.manage().getCookies().stream()
                .filter(c -> c.getName().startsWith("FOLDERSYNC_")).findFirst().orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(all("#folder-list li[data-folder=docs].active")).hasSize(1);
        assertThat(all("#command-list li[data-command=hello]")).hasSize(1);
        browser.screenshot("2-overview-1280");
    }

    @Test
    @Order(3)
    void showsAServerEditInTheActivityListAsItHappens() {
        write(cluster.serverFolder("docs").resolve("todo.txt"), "- try the page\n- edited on the server\n");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(all("#activity tbody tr[data-kind=RECEIVED]"))
                .anySatisfy(row -> assertThat(row.getText()).contains("todo.txt").contains("from the server")));
        // newest first
        assertThat(find("#activity tbody tr").getText()).contains("todo.txt");
        assertThat(text("st-lastsync")).isNotEqualTo("never");
    }

    @Test
    @Order(4)
    void restoresAKeptCopyAndTheServerGetsIt() throws Exception {
        Path copy = alpha.folder().resolve("notes.sync-conflict-20260101-120000.txt");
        Files.writeString(copy, "first line\nmy own second line\nthird line\n");
        await().atMost(UI).until(() -> !all("#conflicts li[data-source=local]").isEmpty());
        WebElement item = find("#conflicts li[data-source=local]");
        assertThat(item.getText()).contains("notes.txt").contains("Kept copy");
        item.findElement(By.cssSelector("button.compare")).click();
        await().atMost(UI).until(() -> find("#diff").isDisplayed() && !all("#diff-table tr.change").isEmpty());
        WebElement changed = find("#diff-table tr.change");
        assertThat(changed.findElement(By.cssSelector("td.left")).getText()).isEqualTo("second line");
        assertThat(changed.findElement(By.cssSelector("td.right")).getText()).isEqualTo("my own second line");
        browser.screenshot("3-conflict-diff");

        find("#diff-actions button.restore").click();
        await().atMost(UI).until(() -> find("#confirm").isDisplayed());
        find("#confirm-ok").click();
        await().atMost(CONVERGE).until(() -> has(cluster.serverFolder("docs").resolve("notes.txt"),
                "first line\nmy own second line\nthird line\n"));
        assertThat(copy).doesNotExist();
        await().atMost(UI).until(() -> all("#conflicts li").isEmpty());
        await().atMost(UI).untilAsserted(() -> assertThat(all("#activity tbody tr[data-kind=SENT]"))
                .anySatisfy(row -> assertThat(row.getText()).contains("notes.txt").contains("to the server")));
    }

    @Test
    @Order(5)
    void runsAConfiguredCommandAndShowsItsOutput() {
        find("#command-list li[data-command=hello] button.run").click();
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(text("command-output")).isEqualTo("hello from the server");
            assertThat(text("command-result")).contains("hello ended with exit status 0");
        });
        assertThat(find("#command-list button.run").isEnabled()).isTrue();
        browser.screenshot("4-command-output");
    }

    @Test
    @Order(6)
    void aClientWithoutGrantsIsToldWhyItsRequestsAreRefused() {
        logIn(beta, ADMIN_TOKEN);
        awaitPageReady();
        await().atMost(UI).untilAsserted(() -> {
            assertThat(text("commands-note")).contains("grants this client no commands");
            assertThat(text("folder-permission")).contains("may not switch the folder")
                    .contains("foldersync.permissions.switch-folder=beta");
        });
        assertThat(all("#folder-list button.switch")).isNotEmpty().allSatisfy(b -> assertThat(b.isEnabled()).isFalse());
        // what a stale page or a hand-made request would send: the server refuses, the page says why
        browser.driver.executeScript("window.foldersyncPage.runCommand('hello')");
        await().atMost(UI).untilAsserted(() -> assertThat(text("command-result"))
                .contains("Refused").contains("NOT_ALLOWED").contains("client beta may not run command hello"));
        browser.screenshot("5-refused-command");
    }

    @Test
    @Order(7)
    void switchesTheFolderAfterConfirmationWithTheKeyboard() {
        browser.driver.get(url(alpha)); // alpha's session is still there: its cookie has its own name
        awaitPageReady();
        WebElement toNotes = find("#folder-list li[data-folder=notes] button.switch");
        toNotes.sendKeys(Keys.ENTER);
        await().atMost(UI).until(() -> find("#confirm").isDisplayed());
        assertThat(text("confirm-text")).contains("Make notes the active folder");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-cancel");
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-ok");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(text("folder-outcome")).isEqualTo("The server now synchronises notes.");
            assertThat(all("#folder-list li[data-folder=notes].active")).hasSize(1);
            assertThat(text("st-folder")).isEqualTo("notes");
        });
        assertThat(cluster.server().bean(Folders.class).active()).isEqualTo("notes");
        await().atMost(CONVERGE).until(() -> has(alpha.folder().resolve("n.txt"), "the notes folder\n"));
        browser.screenshot("6-folder-switched-1280");

        browser.resize(390, 844);
        await().atMost(UI).until(() -> (Boolean) browser.driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        browser.screenshot("7-phone-width");
    }
}
