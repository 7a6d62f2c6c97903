package io.foldersync.client.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.foldersync.client.link.Uplink;
import io.foldersync.link.Outgoing;
import io.foldersync.protocol.SyncMessage;

class DownloadsTest {

    private final List<SyncMessage.FileRequest> sent = new ArrayList<>();

    private final Uplink uplink = new Uplink() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public boolean send(Outgoing outgoing) {
            try {
                sent.add((SyncMessage.FileRequest) outgoing.build().message());
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        }

        @Override
        public long clockOffsetMs() {
            return 0;
        }
    };

    private final Requested requested = new Requested();

    @Test
    void asksAChunkAtATimeWhileTheLookGoesOn() {
        Downloads downloads = new Downloads(uplink, requested, "docs");

        paths(0, Requests.CHUNK - 1).forEach(downloads::add);
        assertThat(sent).as("less than a chunk: held").isEmpty();
        downloads.add("p" + (Requests.CHUNK - 1));
        assertThat(sent).as("a full chunk goes out before the look is over").singleElement()
                .satisfies(r -> assertThat(r.paths()).hasSize(Requests.CHUNK).startsWith("p0"));

        paths(Requests.CHUNK, Requests.CHUNK + 20).forEach(downloads::add);
        downloads.finish();

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).paths()).hasSize(20).startsWith("p" + Requests.CHUNK);
        assertThat(sent).allSatisfy(r -> assertThat(r.folder()).isEqualTo("docs"));
        assertThat(downloads.asked()).isEqualTo(Requests.CHUNK + 20);
        assertThat(downloads.onTheirWay()).isZero();
    }

    @Test
    void filesAlreadyOnTheirWayAreNotAskedForAgain() {
        requested.notAsked("docs", List.of("p1", "p3"));
        Downloads downloads = new Downloads(uplink, requested, "docs");

        paths(0, 5).forEach(downloads::add);
        downloads.finish();

        assertThat(sent).singleElement().satisfies(r -> assertThat(r.paths()).containsExactly("p0", "p2", "p4"));
        assertThat(downloads.asked()).isEqualTo(3);
        assertThat(downloads.onTheirWay()).isEqualTo(2);
    }

    @Test
    void nothingToFetchSendsNothing() {
        new Downloads(uplink, requested, "docs").finish();

        assertThat(sent).isEmpty();
    }

    private static List<String> paths(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "p" + i).toList();
    }
}
