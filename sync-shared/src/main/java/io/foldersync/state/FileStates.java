package io.foldersync.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code file_state} table, in plain SQL. This is the hot path of every sync (a row read per
 * file sent, received or scanned, a row written per file applied, in batches of a thousand), and
 * the generic mapping of a repository cost more than the rest of handling a small file (measured:
 * most of the server's CPU in a first sync of 5,000 files), so rows are mapped by hand and batches
 * written with one prepared statement.
 */
final class FileStates {

    private static final String COLUMNS = "id, folder, path, sha256, mtime, size, origin, synced_at, file_key";

    private static final RowMapper<FileState> ROW = FileStates::map;

    /** Parameters of one IN (...) query, well below SQLite's limit of 32 766. */
    static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    FileStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<FileState> folder(String folder) {
        return jdbc.query("SELECT " + COLUMNS + " FROM file_state WHERE folder = ? ORDER BY path", ROW, folder);
    }

    /**
     * Up to {@code limit} rows of a folder after {@code after} and, unless null, before {@code before},
     * in path order (a page of a keyset walk); with the row at {@code exact} too, unless null. Each
     * part is its own index search, merged: {@code path = ? OR (range)} would make SQLite read every
     * row of the folder (checked with EXPLAIN QUERY PLAN), a cost per watch event that grows with it.
     */
    List<FileState> after(String folder, String exact, String after, String before, int limit) {
        String range = "SELECT " + COLUMNS + " FROM file_state WHERE folder = ? AND path > ?" + (before == null ? "" : " AND path < ?");
        List<Object> args = new java.util.ArrayList<>();
        String sql = range;
        if (exact != null) {
            sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM file_state WHERE folder = ? AND path = ? UNION ALL " + range + ")";
            args.add(folder);
            args.add(exact);
        }
        args.add(folder);
        args.add(after);
        if (before != null) {
            args.add(before);
        }
        args.add(limit);
        return jdbc.query(sql + " ORDER BY path LIMIT ?", ROW, args.toArray());
    }

    /** Every row of a folder, one at a time, without building a list. */
    void forEach(String folder, Consumer<FileState> action) {
        jdbc.query("SELECT " + COLUMNS + " FROM file_state WHERE folder = ? ORDER BY path",
                (RowCallbackHandler) rs -> action.accept(map(rs, 0)), folder);
    }


    Optional<FileState> get(String folder, String path) {
        return jdbc.query("SELECT " + COLUMNS + " FROM file_state WHERE folder = ? AND path = ?", ROW, folder, path)
                .stream().findFirst();
    }

    List<FileState> get(String folder, List<String> paths) {
        List<FileState> rows = new ArrayList<>();
        for (int i = 0; i < paths.size(); i += CHUNK) {
            List<String> chunk = paths.subList(i, Math.min(paths.size(), i + CHUNK));
            Object[] args = new Object[chunk.size() + 1];
            args[0] = folder;
            for (int j = 0; j < chunk.size(); j++) {
                args[j + 1] = chunk.get(j);
            }
            String marks = "?,".repeat(chunk.size());
            rows.addAll(jdbc.query("SELECT " + COLUMNS + " FROM file_state WHERE folder = ? AND path IN ("
                    + marks.substring(0, marks.length() - 1) + ")", ROW, args));
        }
        return rows;
    }

    List<String> folders() {
        return jdbc.queryForList("SELECT DISTINCT folder FROM file_state", String.class);
    }

    long count(String folder) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM file_state WHERE folder = ?", Long.class, folder);
        return count == null ? 0 : count;
    }

    /** One row; its (folder, path) replaces any row there. */
    void upsert(FileState row) {
        upsert(List.of(row));
    }

    /** Many rows with one prepared statement. */
    void upsert(Collection<FileState> rows) {
        List<Object[]> args = new ArrayList<>(rows.size());
        rows.forEach(r -> args.add(new Object[] { r.folder(), r.path(), r.sha256(), r.mtime(), r.size(), r.origin(),
                r.syncedAt(), r.fileKey() }));
        jdbc.batchUpdate("""
                INSERT INTO file_state (folder, path, sha256, mtime, size, origin, synced_at, file_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (folder, path) DO UPDATE SET sha256 = excluded.sha256, mtime = excluded.mtime,
                    size = excluded.size, origin = excluded.origin, synced_at = excluded.synced_at,
                    file_key = excluded.file_key
                """, args);
    }

    /** New size, mtime and file key for rows whose content is unchanged (nothing else of them changes). */
    void refresh(String folder, Collection<io.foldersync.files.LocalFile> files) {
        List<Object[]> args = new ArrayList<>(files.size());
        files.forEach(f -> args.add(new Object[] { f.mtime(), f.size(), f.fileKey(), folder, f.path(), f.sha256() }));
        jdbc.batchUpdate("UPDATE file_state SET mtime = ?, size = ?, file_key = ? WHERE folder = ? AND path = ? AND sha256 = ?",
                args);
    }

    int delete(String folder, String path) {
        return jdbc.update("DELETE FROM file_state WHERE folder = ? AND path = ?", folder, path);
    }

    int deleteFolder(String folder) {
        return jdbc.update("DELETE FROM file_state WHERE folder = ?", folder);
    }

    int deleteAll() {
        return jdbc.update("DELETE FROM file_state");
    }

    // ---- chunk lists (file_chunks)

    /** The encoded chunk list recorded for {@code sha256} at the path, or null. */
    byte[] chunks(String folder, String path, String sha256) {
        List<byte[]> found = jdbc.query("SELECT chunks FROM file_chunks WHERE folder = ? AND path = ? AND sha256 = ?",
                (rs, row) -> rs.getBytes(1), folder, path, sha256);
        return found.isEmpty() ? null : found.get(0);
    }

    void putChunks(String folder, String path, String sha256, byte[] chunks) {
        jdbc.update("INSERT INTO file_chunks (folder, path, sha256, chunks) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (folder, path) DO UPDATE SET sha256 = excluded.sha256, chunks = excluded.chunks",
                folder, path, sha256, chunks);
    }

    void deleteChunks(String folder, String path) {
        jdbc.update("DELETE FROM file_chunks WHERE folder = ? AND path = ?", folder, path);
    }

    void moveChunks(String folder, String from, String to) {
        jdbc.update("DELETE FROM file_chunks WHERE folder = ? AND path = ?", folder, to);
        jdbc.update("UPDATE file_chunks SET path = ? WHERE folder = ? AND path = ?", to, folder, from);
    }

    void deleteChunksOfFolder(String folder) {
        jdbc.update("DELETE FROM file_chunks WHERE folder = ?", folder);
    }

    void deleteAllChunks() {
        jdbc.update("DELETE FROM file_chunks");
    }

    private static FileState map(ResultSet rs, int row) throws SQLException {
        return new FileState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getString(9));
    }
}
