package io.foldersync.client.page;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import io.foldersync.client.remote.RequestRefused;
import io.foldersync.client.remote.RunObserver;
import io.foldersync.client.remote.ServerRequests;
import io.foldersync.protocol.SyncMessage;

/**
 * The command run this client asked for last, as the page shows it: its output (decoded as UTF-8
 * across chunk boundaries, bounded) and how it ended. One run at a time from this client; the
 * server enforces one at a time for all clients anyway.
 */
@Component
class CommandRuns {

    /** Output kept for the page; the server bounds what it sends by the command's max-output. */
    static final int MAX_CHARS = 2 * 1024 * 1024;

    /**
     * A run as the page sees it.
     *
     * @param state {@code starting}, {@code running}, {@code done}, {@code refused} or {@code lost}
     * @param outcome {@code exited}, {@code timed-out} or {@code failed} once done
     */
    record View(long run, String name, String state, String folder, String startedAt, String output, String outcome,
            Integer exitCode, Long durationMs, Boolean truncated, String code, String message) {
    }

    /**
     * What the page is told as it happens: a piece of output ({@code text}, which starts at
     * {@code offset} in the run's output, so a page that has it already skips it), or the run's
     * new state ({@code view}, the whole run so far).
     */
    record Progress(long run, String text, int offset, View view) {
    }

    private final ServerRequests requests;

    private final PageEvents events;

    private final Clock clock;

    private long counter;

    private Run current;

    CommandRuns(ServerRequests requests, PageEvents events, Clock clock) {
        this.requests = requests;
        this.events = events;
        this.clock = clock;
    }

    /** The last run, or null. */
    synchronized View last() {
        return current == null ? null : current.view();
    }

    /**
     * Asks the server to run {@code name} and waits (bounded) until it started or was refused.
     *
     * @throws RequestRefused {@code BUSY} when a run of this client is still going, or the server's refusal
     */
    View start(String name) throws RequestRefused {
        Run run;
        synchronized (this) {
            if (current != null && current.active()) {
                throw new RequestRefused("BUSY", "command " + current.name + " is still running; one at a time");
            }
            run = new Run(++counter, name, clock.instant());
            current = run;
        }
        try {
            requests.run(name, run);
        }
        catch (RequestRefused e) {
            run.refused(e.code(), e.getMessage());
            throw e;
        }
        try {
            run.answered.get(ServerRequests.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e) {
            // no answer yet: the page follows the run through its events
        }
        synchronized (run) {
            if (run.state.equals("refused")) {
                throw new RequestRefused(run.code, run.message);
            }
        }
        return run.view();
    }

    /** One run: fed by the connection's reader thread, read by the page. */
    private final class Run implements RunObserver {

        final long id;

        final String name;

        final Instant startedAt;

        final CompletableFuture<Void> answered = new CompletableFuture<>();

        private final StringBuilder output = new StringBuilder();

        private final Utf8Stream utf8 = new Utf8Stream();

        String state = "starting";

        String folder;

        SyncMessage.CommandDone done;

        String code;

        String message;

        Run(long id, String name, Instant startedAt) {
            this.id = id;
            this.name = name;
            this.startedAt = startedAt;
        }

        synchronized boolean active() {
            return state.equals("starting") || state.equals("running");
        }

        synchronized View view() {
            return new View(id, name, state, folder, startedAt.toString(), output.toString(),
                    done == null ? null : done.outcome(), done == null ? null : done.exitCode(),
                    done == null ? null : done.durationMs(), done == null ? null : done.truncated(), code,
                    done != null ? done.message() : message);
        }

        @Override
        public void started(SyncMessage.CommandStarted started) {
            synchronized (this) {
                state = "running";
                folder = started.folder();
            }
            answered.complete(null);
            changed();
        }

        @Override
        public void output(byte[] chunk) {
            String text;
            int offset;
            synchronized (this) {
                text = utf8.decode(chunk);
                int room = MAX_CHARS - output.length();
                if (room <= 0 || text.isEmpty()) {
                    return;
                }
                text = text.length() > room ? text.substring(0, room) : text;
                offset = output.length();
                output.append(text);
            }
            events.publish("command", new Progress(id, text, offset, null));
        }

        @Override
        public void done(SyncMessage.CommandDone result) {
            synchronized (this) {
                output.append(utf8.finish());
                done = result;
                state = "done";
            }
            answered.complete(null);
            changed();
        }

        @Override
        public void refused(String refusalCode, String refusal) {
            synchronized (this) {
                state = "refused";
                code = refusalCode;
                message = refusal;
            }
            answered.complete(null);
            changed();
        }

        @Override
        public void lost() {
            synchronized (this) {
                if (!active()) {
                    return;
                }
                state = "lost";
                code = "UNAVAILABLE";
                message = "the connection to the server was lost; the command may still be running there "
                        + "(its end is in the server's log)";
            }
            answered.complete(null);
            changed();
        }

        private void changed() {
            events.publish("command", new Progress(id, null, 0, view()));
        }
    }
}
