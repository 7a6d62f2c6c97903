package io.foldersync.server.conflict;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ConflictRepository extends ListCrudRepository<ConflictRecord, Long> {

    @Query("SELECT * FROM conflict ORDER BY kept_at DESC, id DESC")
    List<ConflictRecord> findNewestFirst();
}
