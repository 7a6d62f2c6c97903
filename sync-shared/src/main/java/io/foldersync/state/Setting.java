package io.foldersync.state;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A named value the side must remember across restarts (the active folder, for one). */
@Table("sync_setting")
public record Setting(@Id String name, String value) {
}
