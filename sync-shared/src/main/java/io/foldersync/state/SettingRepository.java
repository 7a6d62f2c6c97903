package io.foldersync.state;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface SettingRepository extends ListCrudRepository<Setting, String> {

    @Modifying
    @Query("INSERT INTO sync_setting (name, value) VALUES (:name, :value) "
            + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")
    void put(@Param("name") String name, @Param("value") String value);
}
