package io.foldersync.state;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/**
 * Sync state by folder and path. Writes go through {@link #upsert}: a plain {@code save()}
 * of a record with a known key would UPDATE nothing and store nothing (see STACK.md).
 */
public interface FileStateRepository extends ListCrudRepository<FileState, Long> {

    List<FileState> findByFolder(String folder);

    Optional<FileState> findByFolderAndPath(String folder, String path);

    List<FileState> findByFolderAndPathIn(String folder, java.util.Collection<String> paths);

    @Query("SELECT COUNT(*) FROM file_state WHERE folder = :folder")
    long countByFolder(@Param("folder") String folder);

    @Modifying
    @Query("""
            INSERT INTO file_state (folder, path, sha256, mtime, size, origin, synced_at)
            VALUES (:folder, :path, :sha256, :mtime, :size, :origin, :syncedAt)
            ON CONFLICT (folder, path) DO UPDATE SET sha256 = excluded.sha256, mtime = excluded.mtime,
                size = excluded.size, origin = excluded.origin, synced_at = excluded.synced_at
            """)
    void upsert(@Param("folder") String folder, @Param("path") String path, @Param("sha256") String sha256,
            @Param("mtime") long mtime, @Param("size") long size, @Param("origin") String origin,
            @Param("syncedAt") long syncedAt);

    @Modifying
    @Query("DELETE FROM file_state WHERE folder = :folder AND path = :path")
    int deleteByFolderAndPath(@Param("folder") String folder, @Param("path") String path);

    /**
     * The rows at {@code path} and below it, by an index range: {@code '0'} is the character after
     * {@code '/'}, so {@code [p + "/", p + "0")} holds exactly the paths below {@code p}.
     */
    @Query("SELECT * FROM file_state WHERE folder = :folder AND (path = :path OR (path >= :below AND path < :after))")
    List<FileState> findUnder(@Param("folder") String folder, @Param("path") String path,
            @Param("below") String below, @Param("after") String after);

    @Query("SELECT DISTINCT folder FROM file_state")
    List<String> findFolders();

    @Modifying
    @Query("DELETE FROM file_state WHERE folder = :folder")
    int deleteByFolder(@Param("folder") String folder);

    @Modifying
    @Query("DELETE FROM file_state")
    int deleteEverything();
}
