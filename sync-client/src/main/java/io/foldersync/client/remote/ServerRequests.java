package io.foldersync.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.foldersync.client.link.LinkExtension;
import io.foldersync.client.link.ServerLink;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.JsonContent;
import io.foldersync.protocol.SyncMessage;

/**
 * Asks the server what this client may do beyond syncing, runs commands, and lists and fetches
 * the conflict versions the server kept from this client. Each request carries an id; the
 * answer (or an ERROR) names it in {@code ref}. Used only when the server agreed on the feature.
 */
public class ServerRequests implements LinkExtension {

    /** How long a question waits for its answer. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** What this client may ask, as the server says. */
    public record Grants(boolean switchFolder, List<SyncMessage.CommandInfo> commands) {
    }

    /** Content fetched from the server (a kept version). */
    public record Fetched(String sha256, byte[] bytes) {
    }

    private final ServerLink link;

    /** Answers larger than this are not held: what the page shows or restores is far smaller. */
    static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;

    /** An answer: its header, and its content when it is at most {@link #MAX_ANSWER_BYTES} (else null). */
    private record Answer(SyncMessage message, byte[] content, long length) {

        io.foldersync.protocol.Content asContent() {
            return io.foldersync.protocol.Content.of(content == null ? new byte[0] : content);
        }
    }

    /** Questions waiting for their answer, by request id. */
    private final Map<String, CompletableFuture<Answer>> questions = new ConcurrentHashMap<>();

    /** Command runs in progress, by request id. */
    private final Map<String, RunObserver> runs = new ConcurrentHashMap<>();

    public ServerRequests(ServerLink link) {
        this.link = link;
    }

    public boolean offers(String feature) {
        return link.agreed(feature);
    }

    public Grants grants() throws RequestRefused {
        Answer answer = ask(Features.COMMANDS, id -> new SyncMessage.PermissionsRequest(id));
        SyncMessage.Permissions permissions = (SyncMessage.Permissions) answer.message();
        return new Grants(Boolean.TRUE.equals(permissions.switchFolder()),
                read(() -> JsonContent.list(answer.asContent(), SyncMessage.CommandInfo.class)));
    }

    public List<SyncMessage.ConflictInfo> conflicts() throws RequestRefused {
        Answer answer = ask(Features.CONFLICT_VERSIONS, id -> new SyncMessage.ConflictsRequest(id));
        return read(() -> JsonContent.list(answer.asContent(), SyncMessage.ConflictInfo.class));
    }

    /** The content of a kept version (bounded by what the caller can show: {@code maxBytes}). */
    public Fetched conflictContent(long conflictId, long maxBytes) throws RequestRefused {
        Answer answer = ask(Features.CONFLICT_VERSIONS, id -> new SyncMessage.ConflictFetch(id, conflictId));
        if (answer.content() == null || answer.length() > maxBytes) {
            throw new RequestRefused("TOO_LARGE", "kept version " + conflictId + " has " + answer.length()
                    + " bytes, more than " + Math.min(maxBytes, MAX_ANSWER_BYTES) + " can be shown or restored from here");
        }
        SyncMessage.ConflictContent content = (SyncMessage.ConflictContent) answer.message();
        return new Fetched(content.sha256(), answer.content());
    }

    /** Asks for a run of {@code name}; the observer hears how it goes. */
    public void run(String name, RunObserver observer) throws RequestRefused {
        requireFeature(Features.COMMANDS);
        String id = UUID.randomUUID().toString();
        runs.put(id, observer);
        if (!link.send(new SyncMessage.CommandRun(id, name))) {
            runs.remove(id);
            throw unavailable();
        }
    }

    // ------------------------------------------------------------------ frames from the link

    @Override
    public boolean onFrame(Frame frame) {
        SyncMessage message = frame.message();
        String ref = refOf(message);
        if (ref == null) {
            return false;
        }
        RunObserver run = runs.get(ref);
        if (run != null) {
            onRunFrame(ref, run, frame);
            return true;
        }
        CompletableFuture<Answer> question = questions.remove(ref);
        if (question == null) {
            return false;
        }
        // the content is released when the frame has been handled: keep a copy for the asker
        long length = frame.content().length();
        question.complete(new Answer(message, length <= MAX_ANSWER_BYTES ? bytes(frame) : null, length));
        return true;
    }

    private void onRunFrame(String ref, RunObserver run, Frame frame) {
        SyncMessage message = frame.message();
        if (message instanceof SyncMessage.CommandStarted started) {
            run.started(started);
        }
        else if (message instanceof SyncMessage.CommandOutput) {
            run.output(bytes(frame));
        }
        else if (message instanceof SyncMessage.CommandDone done) {
            runs.remove(ref);
            run.done(done);
        }
        else if (message instanceof SyncMessage.Error error) {
            runs.remove(ref);
            run.refused(error.code(), error.message());
        }
    }

    @Override
    public void disconnected() {
        questions.values().forEach(q -> q.completeExceptionally(new IllegalStateException("disconnected")));
        questions.clear();
        runs.values().forEach(RunObserver::lost);
        runs.clear();
    }

    // ------------------------------------------------------------------ helpers

    private Answer ask(String feature, java.util.function.Function<String, SyncMessage> question) throws RequestRefused {
        requireFeature(feature);
        String id = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        questions.put(id, answer);
        if (!link.send(question.apply(id))) {
            questions.remove(id);
            throw unavailable();
        }
        Answer frame;
        try {
            frame = answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        catch (ExecutionException e) {
            throw unavailable();
        }
        catch (TimeoutException e) {
            questions.remove(id);
            throw new RequestRefused("UNAVAILABLE", "the server did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        }
        if (frame.message() instanceof SyncMessage.Error error) {
            throw new RequestRefused(error.code(), error.message());
        }
        return frame;
    }

    private void requireFeature(String feature) throws RequestRefused {
        if (!link.isReady()) {
            throw unavailable();
        }
        if (!link.agreed(feature)) {
            throw new RequestRefused("UNAVAILABLE", "the server does not offer " + feature + " (an older version?)");
        }
    }

    private static RequestRefused unavailable() {
        return new RequestRefused("UNAVAILABLE", "not connected to the server; try again when connected");
    }

    private static String refOf(SyncMessage message) {
        if (message instanceof SyncMessage.Permissions m) return m.ref();
        if (message instanceof SyncMessage.CommandStarted m) return m.ref();
        if (message instanceof SyncMessage.CommandOutput m) return m.ref();
        if (message instanceof SyncMessage.CommandDone m) return m.ref();
        if (message instanceof SyncMessage.Conflicts m) return m.ref();
        if (message instanceof SyncMessage.ConflictContent m) return m.ref();
        if (message instanceof SyncMessage.Error m) return m.ref();
        return null;
    }

    /** The frame's content in memory (callers bound its length). */
    private static byte[] bytes(Frame frame) {
        if (frame.content() instanceof io.foldersync.protocol.Content.Bytes bytes) {
            return bytes.bytes();
        }
        try (InputStream in = frame.content().open()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T read(Reading<T> reading) throws RequestRefused {
        try {
            return reading.read();
        }
        catch (IOException | RuntimeException e) {
            throw new RequestRefused("BAD_FRAME", "could not read the server's answer: " + e.getMessage());
        }
    }
}
