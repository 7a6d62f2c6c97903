-- The seed schema the product started from: one row of sync state per path.
CREATE TABLE file_state (
    path          TEXT PRIMARY KEY,
    last_modified TEXT,
    sha256        TEXT,
    origin        TEXT
);
