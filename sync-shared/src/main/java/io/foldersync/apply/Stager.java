package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;

/**
 * The first step of receiving a file, the same on both sides: write the content to a temporary
 * file in the folder's work directory, hashing and text-checking it in the same pass (the file is
 * not read back). The caller checks the hash and the text flag before planning anything.
 */
public final class Stager {

    private static final int BUFFER = 64 * 1024;

    private final Disk disk;

    private final WorkDir workDir;

    public Stager(Disk disk, WorkDir workDir) {
        this.disk = disk;
        this.workDir = workDir;
    }

    public Staged stage(Content content) throws IOException {
        Applier.ensureDirectories(disk, workDir.tmp());
        var file = workDir.newStage();
        boolean done = false;
        try (InputStream in = content.open(); OutputStream out = disk.create(file)) {
            TextFiles.Inspector inspector = new TextFiles.Inspector();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                inspector.update(buffer, 0, n);
            }
            TextFiles.Inspection inspection = inspector.finish();
            done = true;
            return new Staged(file, inspection.sha256(), inspection.size(), inspection.text());
        }
        finally {
            if (!done) {
                disk.delete(file);
            }
        }
    }

    /** Removes a staged file that will not be applied (refused, or judged a loser that is kept elsewhere). */
    public void discard(Staged staged) {
        try {
            disk.delete(staged.file());
        }
        catch (IOException e) {
            // a leftover in the hidden work directory is removed at the next start
        }
    }
}
