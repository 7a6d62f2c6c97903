-- The identity of the file a row's hash was taken from (device and inode, as the JVM reports
-- BasicFileAttributes.fileKey()): a file replaced by another of the same size and modification
-- time (cp -p, rsync -a, mv of a copy) is hashed again instead of trusted. NULL: not known (rows
-- from before this column, or written without looking); a scan then trusts size and mtime alone.
ALTER TABLE file_state ADD COLUMN file_key TEXT;
