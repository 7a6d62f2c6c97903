package io.foldersync.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where the codec spools large incoming content. A spool file lives only while its frame is
 * handled; any left at start-up belong to a process that died mid-transfer and are removed, so a
 * crash loop cannot fill the disk with them.
 */
public final class SpoolDirectory {

    private static final Log log = LogFactory.getLog(SpoolDirectory.class);

    private SpoolDirectory() {
    }

    /** Removes the spool files left in {@code directory} (nothing else) and returns it. */
    public static Path cleaned(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return directory;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "receive-*.spool")) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot clean the spool directory " + directory, e);
        }
        if (removed > 0) {
            log.info("removed " + removed + " spool file(s) left by an interrupted transfer in " + directory);
        }
        return directory;
    }
}
