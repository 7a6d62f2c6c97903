package io.foldersync.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version of every file a user of the model ever saved, identified by its content (each
 * content is unique: its first line names the version), and what the users did to it since. The
 * oracle asks the ledger which versions must still exist, which belong to which client, and
 * whether a content it finds is one a user wrote at all.
 */
final class Ledger {

    /** The author of the files the folders hold before the run starts. */
    static final String SEED = "seed";

    static final String SERVER = "server";

    /**
     * One saved version.
     *
     * @param id its number, the {@code vN} at the start of the content
     * @param content its content as a {@link World#key}
     * @param author {@link #SERVER}, {@link #SEED} or a client's name
     * @param where where it was saved: {@code docs/a.txt} on the server, {@code alpha:a.txt} on a client
     * @param path the path relative to the folder
     * @param step the step that saved it ({@code r3.2})
     * @param privateTo the client whose user made it as a new local file (never to leave that client), or null
     */
    record Version(int id, String content, String author, String where, String path, String step, String privateTo) {

        String name() {
            return "v" + id + (World.isBinary(content) ? "(binary)" : "");
        }

        /** What is written to disk. */
        byte[] bytes() {
            return World.bytes(content);
        }

        @Override
        public String toString() {
            return name() + " (" + author + " at " + where + ", " + step + (privateTo != null ? ", local-only" : "") + ")";
        }
    }

    private final List<Version> versions = new ArrayList<>();

    private final Map<String, Version> byContent = new HashMap<>();

    /** Version -> the step whose user took it out of the way (replaced or deleted it). */
    private final Map<Version, String> superseded = new HashMap<>();

    /** Contents users took out of the way that no user ever wrote: the sync made them up. */
    private final List<String> unknownTaken = new ArrayList<>();

    /**
     * The next version, not yet recorded: {@link #record} it once it is on disk (a new local file
     * that found its path taken never existed). {@code filler} gives it a body after its first line.
     */
    Version draft(String author, String where, String path, String step, String filler) {
        int id = versions.size() + 1;
        String content = "v" + id + " by " + author + " at " + where + " (" + step + ")\n" + filler;
        return new Version(id, content, author, where, path, step, null);
    }

    /** The next version, binary: a text version's bytes followed by a NUL and a few more bytes. */
    Version draftBinary(String author, String where, String path, String step, String filler) {
        Version text = draft(author, where, path, step, filler);
        return new Version(text.id(), World.BINARY + text.content() + "\u0000\u0001\u00ff binary\n", author, where, path,
                step, null);
    }

    Version record(Version version) {
        if (version.id() != versions.size() + 1) {
            throw new IllegalStateException("record each draft before the next one is drafted");
        }
        versions.add(version);
        byContent.put(version.content(), version);
        return version;
    }

    /** The draft as a new local file of {@code client}'s user, never to leave it. */
    static Version privateTo(Version draft, String client) {
        return new Version(draft.id(), draft.content(), draft.author(), draft.where(), draft.path(), draft.step(), client);
    }

    /** A user took {@code content} out of the way in {@code step}: it may go now, it was theirs to replace. */
    void supersede(String content, String step) {
        Version version = byContent.get(content);
        if (version == null) {
            unknownTaken.add(step + ": " + abbreviate(content));
            return;
        }
        superseded.putIfAbsent(version, step);
    }

    boolean isSuperseded(Version version) {
        return superseded.containsKey(version);
    }

    Version of(String content) {
        return byContent.get(content);
    }

    /** Whether a client's user wrote this content (an edit, or a new local file). */
    boolean authoredBy(String content, String client) {
        Version version = byContent.get(content);
        return version != null && version.author().equals(client);
    }

    /** The versions that must exist somewhere: every one no user replaced or deleted. */
    List<Version> live() {
        return versions.stream().filter(v -> !superseded.containsKey(v)).toList();
    }

    List<Version> privateVersions() {
        return versions.stream().filter(v -> v.privateTo() != null).toList();
    }

    Collection<Version> all() {
        return versions;
    }

    List<String> unknownTaken() {
        return unknownTaken;
    }

    /** {@code v12} for a known content, else the start of the content. */
    String name(String content) {
        if (content == null) {
            return "(nothing)";
        }
        Version version = byContent.get(content);
        return version != null ? version.name() : "unknown content \"" + abbreviate(content) + "\"";
    }

    String names(Collection<String> contents) {
        return contents.stream().map(this::name).toList().toString();
    }

    private static String abbreviate(String key) {
        String content = World.isBinary(key) ? "(binary) " + key.substring(World.BINARY.length()) : key;
        String line = content.replace("\n", "\\n").replace("\u0000", "\\0");
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }
}
