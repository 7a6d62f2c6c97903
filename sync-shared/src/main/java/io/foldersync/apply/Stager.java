package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;

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
            byte[] buffer = io.foldersync.files.Buffers.get();
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

    /**
     * Receives a file's content: staged, then checked against the hash the sender announced and the
     * text rule. A refusal has its staged file removed already.
     */
    public Received receive(Content content, String announcedSha256) throws IOException {
        Staged staged = stage(content);
        if (!staged.sha256().equals(announcedSha256)) {
            discard(staged);
            return new Received(null, ErrorCode.HASH_MISMATCH, "content does not match sha256");
        }
        if (!staged.text()) {
            discard(staged);
            return new Received(null, ErrorCode.NOT_TEXT, "content is not text (NUL byte or invalid UTF-8)");
        }
        return new Received(staged, null, null);
    }

    /** Received content: staged and sound, or refused with a code and why. */
    public record Received(Staged staged, ErrorCode refusal, String reason) {
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
