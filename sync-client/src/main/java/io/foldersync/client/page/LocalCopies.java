package io.foldersync.client.page;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.client.web.ConflictCopies;
import io.foldersync.protocol.SyncPath;

/**
 * The conflict copies this client kept beside its files ({@code notes.sync-conflict-20261125-120000.txt},
 * {@code -2}, {@code -3}... when the name was taken; the stamp is UTC), and which file each one is
 * a copy of. Hidden directories are skipped, as sync skips them.
 */
final class LocalCopies {

    /** At most this many copies are listed (newest first). */
    static final int LIMIT = 500;

    static final Pattern NAME = Pattern.compile(
            "^(?<base>.+?)\\.sync-conflict-(?<stamp>\\d{8}-\\d{6})(?:-(?<n>\\d+))?(?<ext>\\.[^.]*)?$");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * @param path the copy, relative to the folder
     * @param original the file it is a copy of
     * @param keptAt when it was kept (from its name, UTC)
     */
    record Copy(String path, String original, java.time.Instant keptAt, long size) {
    }

    private LocalCopies() {
    }

    /** The file a copy's name says it is a copy of, or empty when the name is not a conflict copy's. */
    static Optional<Copy> parse(String path, long size) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        Matcher m = NAME.matcher(path.substring(slash + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        String original = dir + m.group("base") + (m.group("ext") == null ? "" : m.group("ext"));
        java.time.Instant keptAt;
        try {
            keptAt = LocalDateTime.parse(m.group("stamp"), STAMP).toInstant(ZoneOffset.UTC);
        }
        catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(new Copy(path, original, keptAt, size));
    }

    static List<Copy> in(Path root) {
        List<Copy> copies = new ArrayList<>();
        ConflictCopies.walk(root, (file, attrs) -> parse(SyncPath.of(root, file), attrs.size()).ifPresent(copies::add));
        copies.sort(Comparator.comparing(Copy::keptAt).reversed().thenComparing(Copy::path));
        return copies.size() > LIMIT ? new ArrayList<>(copies.subList(0, LIMIT)) : copies;
    }
}
