-- The chunk list (content-defined chunks, io.foldersync.delta.ChunkList) of the version a side last
-- had in sync, for files of 64 KiB and more: the base a delta recipe copies from. Keyed like
-- file_state, and valid only for the sha256 it names (a row whose sha256 differs from the base's is
-- stale and ignored).
CREATE TABLE file_chunks (
    folder TEXT NOT NULL,
    path   TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    chunks BLOB NOT NULL,
    PRIMARY KEY (folder, path)
);
