package io.foldersync.survey;

import io.foldersync.files.LocalFile;
import io.foldersync.reconcile.Observed;

/**
 * What a survey found on disk at one path: a synchronisable file, a file that does not qualify
 * (with why), nothing, or something that could not be looked at (with why; then nothing may be
 * concluded about the path: it is neither changed nor deleted).
 */
public record Local(LocalFile file, String ineligible, String unknown) {

    public static final Local ABSENT = new Local(null, null, null);

    static Local of(LocalFile file) {
        return new Local(file, null, null);
    }

    static Local notSynchronised(String reason) {
        return new Local(null, reason, null);
    }

    static Local unknown(String reason) {
        return new Local(null, null, reason);
    }

    public boolean isUnknown() {
        return unknown != null;
    }

    /** The decision tables' view of it (not for an unknown path, which is never decided on). */
    public Observed observed() {
        if (unknown != null) {
            throw new IllegalStateException("an unreadable path is not decided on");
        }
        if (file != null) {
            return Observed.file(file.sha256(), file.mtime());
        }
        return ineligible != null ? Observed.INELIGIBLE : Observed.ABSENT;
    }
}
