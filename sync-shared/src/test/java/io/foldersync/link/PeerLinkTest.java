package io.foldersync.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;

import io.foldersync.protocol.Frame;
import io.foldersync.protocol.SyncMessage;

/** The sending half of a connection: order, bounds, heartbeats, and a peer too far behind. */
class PeerLinkTest {

    private final TcpConnection connection = mock(TcpConnection.class);

    private final List<SyncMessage> written = new CopyOnWriteArrayList<>();

    PeerLinkTest() {
        when(connection.getConnectionId()).thenReturn("c1");
        when(connection.getHostAddress()).thenReturn("127.0.0.1");
        when(connection.isOpen()).thenReturn(true);
    }

    private void recordWrites() {
        doAnswer(invocation -> {
            Message<?> message = invocation.getArgument(0);
            written.add(((Frame) message.getPayload()).message());
            return null;
        }).when(connection).send(any());
    }

    @Test
    void writesFramesInTheOrderTheyWereQueued() {
        recordWrites();
        PeerLink link = new PeerLink(connection, 100, Clock.systemUTC(), "test-send", frame -> { });
        for (int i = 0; i < 20; i++) {
            link.send(new SyncMessage.FileDelete(null, "docs", "f" + i, null));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 20);
        for (int i = 0; i < 20; i++) {
            assertThat(((SyncMessage.FileDelete) written.get(i)).path()).isEqualTo("f" + i);
        }
        link.close();
    }

    @Test
    void skipsAFrameThatHasNothingToSendAnyMore() {
        recordWrites();
        PeerLink link = new PeerLink(connection, 10, Clock.systemUTC(), "test-send", frame -> { });
        link.send(() -> null);
        link.send(new SyncMessage.Ping());
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        assertThat(written.get(0)).isInstanceOf(SyncMessage.Ping.class);
        link.close();
    }

    @Test
    void offerTakesNothingWhileThePeerIsBehindAndKeepsTheLink() {
        CountDownLatch stalled = new CountDownLatch(1);
        doAnswer(invocation -> {
            stalled.await(10, TimeUnit.SECONDS); // the peer reads nothing: the write blocks
            return null;
        }).when(connection).send(any());
        PeerLink link = new PeerLink(connection, 3, Clock.systemUTC(), "test-send", frame -> { });
        boolean accepted = true;
        long start = System.nanoTime();
        for (int i = 0; i < 10 && accepted; i++) {
            accepted = link.offer(Outgoing.of(Frame.of(new SyncMessage.Ping())));
        }
        assertThat(accepted).as("a full queue refuses an offered frame").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(link.isOpen()).as("a peer that is behind is not dropped").isTrue();
        stalled.countDown();
        link.close();
    }

    @Test
    void sendWaitsForRoomWhileThePeerReadsAndDropsAPeerThatReadsNothingForTooLong() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        doAnswer(invocation -> {
            stalled.await(10, TimeUnit.SECONDS);
            return null;
        }).when(connection).send(any());
        PeerLink link = new PeerLink(connection, 2, Clock.systemUTC(), "test-send", frame -> { });
        link.stallAfter(300);
        for (int i = 0; i < 3; i++) {
            assertThat(link.send(new SyncMessage.Ping())).isTrue(); // one in the writer, two queued
        }
        // the peer starts reading while the sender waits for room: the frame goes
        java.util.concurrent.CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(stalled::countDown);
        assertThat(link.send(new SyncMessage.Ping())).as("waited for room").isTrue();
        assertThat(link.isOpen()).isTrue();
        link.close();

        // a peer that reads nothing for longer than the stall limit is dropped (a connection of its own:
        // the first link's writer may still be in send(), and a mock is not re-stubbed while in use)
        TcpConnection stalledConnection = mock(TcpConnection.class);
        when(stalledConnection.getConnectionId()).thenReturn("c2");
        when(stalledConnection.getHostAddress()).thenReturn("127.0.0.1");
        when(stalledConnection.isOpen()).thenReturn(true);
        CountDownLatch never = new CountDownLatch(1);
        doAnswer(invocation -> {
            never.await(10, TimeUnit.SECONDS);
            return null;
        }).when(stalledConnection).send(any());
        PeerLink stuck = new PeerLink(stalledConnection, 1, Clock.systemUTC(), "test-send", frame -> { });
        stuck.stallAfter(200);
        boolean accepted = true;
        for (int i = 0; i < 5 && accepted; i++) {
            accepted = stuck.send(new SyncMessage.Ping());
        }
        assertThat(accepted).as("a stalled peer's frame is refused after the stall limit").isFalse();
        assertThat(stuck.isOpen()).isFalse();
        assertThat(stuck.send(new SyncMessage.Ping())).as("a closed link takes nothing").isFalse();
        never.countDown();
    }

    @Test
    void pingsAfterOneSilentIntervalAndClosesAfterThreeWithoutAFrame() {
        recordWrites();
        MutableClock clock = new MutableClock();
        PeerLink link = new PeerLink(connection, 10, clock, "test-send", frame -> { });
        clock.advance(5_000);
        link.heartbeat(5_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        assertThat(written.get(0)).isInstanceOf(SyncMessage.Ping.class);
        link.received();
        clock.advance(14_999);
        link.heartbeat(5_000);
        assertThat(link.isOpen()).isTrue();
        clock.advance(1);
        link.heartbeat(5_000);
        verify(connection).close();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile long millis = 1_700_000_000_000L;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
