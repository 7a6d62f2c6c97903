package io.foldersync.client.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.foldersync.client.activity.SyncEvent.Kind;

class ActivityTest {

    final Activity activity = new Activity(Clock.systemUTC(), new Attention());

    @Test
    void keepsTheLastEventsNewestFirst() {
        for (int i = 0; i < Activity.CAPACITY + 20; i++) {
            activity.received("docs", "f" + i + ".txt", i);
        }
        List<SyncEvent> recent = activity.recent(Activity.CAPACITY + 100);
        assertThat(recent).hasSize(Activity.CAPACITY);
        assertThat(recent.get(0).path()).isEqualTo("f" + (Activity.CAPACITY + 19) + ".txt");
        assertThat(recent.get(recent.size() - 1).path()).isEqualTo("f20.txt");
        assertThat(activity.recent(3)).extracting(SyncEvent::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void tellsSubscribersAsItHappensAndDropsOneThatFails() {
        List<SyncEvent> heard = new CopyOnWriteArrayList<>();
        Runnable stop = activity.subscribe(heard::add);
        activity.subscribe(e -> {
            throw new IllegalStateException("a broken page");
        });
        activity.sent("docs", "a.txt", 3);
        activity.moved("docs", "a.txt", "b.txt");
        assertThat(heard).extracting(SyncEvent::kind).containsExactly(Kind.SENT, Kind.MOVED);
        assertThat(heard.get(1).detail()).isEqualTo("to b.txt");
        stop.run();
        activity.deleted("docs", "b.txt", "deleted on the server");
        assertThat(heard).hasSize(2);
    }

    @Test
    void notesAFileNeedingAttentionEachTimeButRecordsItOnce() {
        activity.localOnly("docs", "mine.txt", "mine.txt was created here: not synchronised");
        activity.localOnly("docs", "mine.txt", "mine.txt was created here: not synchronised");
        activity.notSynchronised("docs", "img.txt", "img.txt is not synchronised: not text");
        assertThat(activity.recent(10)).extracting(SyncEvent::kind).containsExactly(Kind.NOT_SYNCHRONISED, Kind.LOCAL_ONLY);
        assertThat(activity.attention().of("docs")).extracting(Attention.Entry::path, Attention.Entry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("img.txt", "is not synchronised: not text"),
                        org.assertj.core.groups.Tuple.tuple("mine.txt", "was created here: not synchronised"));
        assertThat(activity.attention().of("notes")).isEmpty();
        activity.attention().forget("docs", "mine.txt");
        activity.localOnly("docs", "mine.txt", "again");
        assertThat(activity.recent(10)).hasSize(3);
    }
}
