-- State is kept per (folder, path): after a folder switch the old folder's base must survive,
-- and an edit made just before the switch is still judged against the folder it was made in.
-- Times become integers (epoch millis): SQLite has no timestamp type that reads back reliably.
CREATE TABLE file_state_v2 (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    folder    TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    mtime     INTEGER NOT NULL,
    size      INTEGER NOT NULL,
    origin    TEXT    NOT NULL,
    synced_at INTEGER NOT NULL,
    UNIQUE (folder, path)
);

INSERT INTO file_state_v2 (folder, path, sha256, mtime, size, origin, synced_at)
SELECT '', path, sha256, COALESCE(CAST(last_modified AS INTEGER), 0), 0, COALESCE(origin, 'unknown'), 0
FROM file_state WHERE sha256 IS NOT NULL;

DROP TABLE file_state;
ALTER TABLE file_state_v2 RENAME TO file_state;

CREATE TABLE sync_setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Losing versions of conflicts, kept outside the synchronised tree (stored_as is the file holding them).
CREATE TABLE conflict (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    folder    TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    mtime     INTEGER NOT NULL,
    size      INTEGER NOT NULL,
    origin    TEXT    NOT NULL,
    winner    TEXT    NOT NULL,
    kept_at   INTEGER NOT NULL,
    stored_as TEXT    NOT NULL
);
