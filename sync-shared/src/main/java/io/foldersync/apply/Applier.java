package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.files.TextFiles;
import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.Observed;

/**
 * Applies a batch of {@link Step}s to a folder so that a concurrent edit is never lost and a power
 * cut at any moment leaves every path with its old or its new content:
 * <ol>
 * <li>staged content gets its mtime and is flushed (the whole batch together);</li>
 * <li>a journal of what will be taken out of the way is written and flushed;</li>
 * <li>per step, the file at the path is looked at through a second name (a hard link in the work
 *     directory) and hashed: only if it is what the plan assumed does the step go on, and the path
 *     was not disturbed otherwise ({@link Outcome.Changed}); a copy the plan keeps is made now; then
 *     the file is taken out of the way by an atomic rename, and only if what was taken is still
 *     that same file (inode, size, mtime) is the new content linked in, and only where the path is
 *     still free. So an edit made before the step, during the hash, or in the instant between the
 *     rename and the link is never replaced: it is put back or kept. Readers of the path see it
 *     missing only between two system calls, never for the length of a hash or a copy;</li>
 * <li>the directories whose entries changed are flushed;</li>
 * <li>only then is the batch recorded (the state database claims nothing that is not on disk);</li>
 * <li>the taken files, the staged names of applied content and the journal are removed.</li>
 * </ol>
 * Staged content of a step that was not applied stays: the caller decides again and may use it,
 * and discards it with {@link Stager#discard} in the end.
 * Trouble with one path (a directory in the way, a read-only directory, a full disk) fails that
 * step only, with everything of it put back.
 */
public final class Applier {

    private static final Log log = LogFactory.getLog(Applier.class);

    /**
     * From how many steps in one batch the applier flushes the whole file system at once
     * rather than each file: below it, an edit waits for its own flush only, not for what other
     * programs have written to the same disk (decisions.md, "One flush for a batch").
     */
    static final int FILE_SYSTEM_SYNC_FROM = 8;

    /** Records applied steps in the state database: one transaction for the batch. */
    @FunctionalInterface
    public interface Recorder {
        void record(List<Outcome.Applied> applied);
    }

    private final Path folder;

    private final WorkDir workDir;

    private final Disk disk;

    private final Keeper keeper;

    private final long maxFileBytes;

    private final Directories directories;

    /** Batches of at least this many steps are flushed with one {@link Disk#syncFileSystem}. */
    private int fileSystemSyncFrom = FILE_SYSTEM_SYNC_FROM;

    public Applier(WorkDir workDir, Disk disk, Keeper keeper, long maxFileBytes) {
        this.folder = workDir.folder();
        this.workDir = workDir;
        this.disk = disk;
        this.keeper = keeper;
        this.maxFileBytes = maxFileBytes;
        this.directories = new Directories(folder, disk);
    }

    public WorkDir workDir() {
        return workDir;
    }

    /** For the crash tests: flush batches of at least {@code steps} steps with one file system sync. */
    Applier fileSystemSyncFrom(int steps) {
        this.fileSystemSyncFrom = steps;
        return this;
    }

    public List<Outcome> apply(List<Step> steps, Recorder recorder) throws IOException {
        if (steps.isEmpty()) {
            return List.of();
        }
        Directories.ensure(disk, workDir.tmp());
        directories.forget();
        List<Path> staged = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.Write write) {
                disk.setModifiedTime(write.content().file(), write.mtime());
                keepModeAndOwner(write);
                staged.add(write.content().file());
            }
        }
        Map<Step, Path> taken = new LinkedHashMap<>();
        List<Journal.Entry> entries = new ArrayList<>();
        for (Step step : steps) {
            Path name = workDir.newTaken();
            taken.put(step, name);
            entries.add(Journal.Entry.of(step, name));
        }
        Path journal = workDir.newJournal();
        // many files: the journal and all their content in one flush of the file system; few: file by file,
        // so that one edit waits only for itself, not for whatever else the machine has written
        boolean wholeFileSystem = steps.size() >= fileSystemSyncFrom;
        try {
            if (wholeFileSystem) {
                Journal.write(disk, journal, entries, false);
                wholeFileSystem = disk.syncFileSystem(workDir.tmp());
                if (!wholeFileSystem) {
                    Flush.all(staged, disk::force);
                    disk.force(journal);
                }
            }
            else {
                Flush.all(staged, disk::force);
                Journal.write(disk, journal, entries, true);
            }
        }
        catch (IOException | RuntimeException e) {
            // nothing was taken out of the way yet, so the journal speaks of nothing: it goes now, not at the
            // next start (a full disk fails here, at every try); the staged content stays the caller's
            try {
                disk.delete(journal);
            }
            catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        List<Outcome> outcomes = new ArrayList<>(steps.size());
        Set<Path> linked = new java.util.HashSet<>();
        try {
            Set<Path> touched = new LinkedHashSet<>();
            for (Step step : steps) {
                outcomes.add(applyOne(step, taken.get(step), touched, linked));
            }
            if (!wholeFileSystem || !disk.syncFileSystem(folder)) {
                Flush.all(directories.toFlush(touched), disk::forceDirectory);
            }
            List<Outcome.Applied> applied = new ArrayList<>();
            outcomes.forEach(o -> {
                if (o instanceof Outcome.Applied a) {
                    applied.add(a);
                }
            });
            if (!applied.isEmpty()) {
                recorder.record(applied);
            }
            return outcomes;
        }
        finally {
            for (Path name : linked) {
                disk.delete(name); // second names of verified versions: replaced, moved, kept or put back by now
            }
            for (Outcome outcome : outcomes) {
                if (outcome instanceof Outcome.Applied && outcome.step() instanceof Step.Write write) {
                    disk.delete(write.content().file()); // now linked at its path; content not applied stays the caller's
                }
            }
            disk.delete(journal);
        }
    }

    private Outcome applyOne(Step step, Path takenName, Set<Path> touched, Set<Path> linked) {
        Path target;
        try {
            target = SyncPath.resolve(folder, step.path());
        }
        catch (IllegalArgumentException e) {
            return new Outcome.Failed(step, new IOException(e.getMessage()));
        }
        Path taken = null;
        Path out = null;
        try {
            // 1. look at the file in place, through a second name (a hard link): the path is not disturbed
            Look look = look(target, takenName);
            taken = look.taken();
            if (taken != null) {
                linked.add(taken);
            }
            if (look.found() == null) {
                dropName(taken);
                return new Outcome.Changed(step, null); // written to while we read it: decide again
            }
            Observed found = look.found();
            if (!matches(step.expect(), found) && !(taken == null && allowsAbsent(step))) {
                dropName(taken);
                return new Outcome.Changed(step, found); // not what the plan saw; the path was never touched
            }
            // 2. a copy the plan keeps is made now, while the file is still in place
            String keptAs = null;
            if (taken != null && (step instanceof Step.KeepAside || step instanceof Step.Write w && w.keepTaken())) {
                keptAs = keep(taken, step.path(), found);
            }
            // 3. take it out of the way, and make sure it is still the very file we verified
            if (taken != null) {
                out = workDir.outFor(taken);
                try {
                    disk.rename(target, out);
                }
                catch (NoSuchFileException e) {
                    return new Outcome.Changed(step, Observed.ABSENT); // removed meanwhile: decide again
                }
                touched.add(target.getParent());
                Disk.Identity now = disk.identity(out);
                if (now == null || !now.sameFileAs(look.identity())) {
                    Path back = out;
                    out = null;
                    putBack(back, target, step.path(), null); // saved or written meanwhile: the user's, back it goes
                    return new Outcome.Changed(step, null);
                }
                disk.delete(out); // the taken name holds the verified file
                out = null;
            }
            // 4. the step itself; new content is linked in only where the path is still free
            if (step instanceof Step.Write write) {
                directories.ensureParents(target);
                if (!disk.link(write.content().file(), target)) {
                    // a file appeared since ours was taken out: the user's newest save, which supersedes the
                    // version we verified (kept above when the plan said so)
                    return new Outcome.Changed(write, null);
                }
                touched.add(target.getParent());
                return new Outcome.Applied(write, keptAs);
            }
            if (step instanceof Step.Move move) {
                if (taken == null) {
                    return new Outcome.Changed(move, Observed.ABSENT);
                }
                Path destination = SyncPath.resolve(folder, move.to());
                directories.ensureParents(destination);
                if (!disk.link(taken, destination)) {
                    putBack(taken, target, move.path(), found);
                    return new Outcome.Changed(move, found);
                }
                touched.add(destination.getParent());
                directories.removeEmptyParents(target.getParent());
                return new Outcome.Applied(move, null);
            }
            if (step instanceof Step.Delete && taken != null) {
                directories.removeEmptyParents(target.getParent()); // the file is out; the directories it leaves empty go too
            }
            return new Outcome.Applied(step, keptAs);
        }
        catch (IOException | IllegalArgumentException e) {
            IOException error = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            try {
                if (out != null) {
                    putBack(out, target, step.path(), null);
                }
                else if (taken != null && disk.kind(target) == Disk.Kind.ABSENT) {
                    putBack(taken, target, step.path(), null);
                }
            }
            catch (IOException again) {
                error.addSuppressed(again);
                log.error("could not put " + step.path() + " back after a failed step; it is in " + workDir.tmp()
                        + " and is put back at the next start", again);
            }
            return new Outcome.Failed(step, error);
        }
    }

    /**
     * The new version takes the mode (and, where this process may, the owner) of the file it replaces,
     * set before the flush so it is as durable as the content: an edit arriving from the other side
     * leaves a script executable, a private file private and a user's file theirs, as an editor's save does.
     */
    private void keepModeAndOwner(Step.Write write) {
        try {
            Path target = SyncPath.resolve(folder, write.path());
            if (directories.parentsAreDirectories(target)) {
                disk.adoptAttributes(target, write.content().file());
            }
        }
        catch (IOException | IllegalArgumentException e) {
            // the step itself meets the same trouble in applyOne and reports it there, for this file only
            log.debug("mode and owner of " + write.path() + " not taken over: " + e.getMessage());
        }
    }

    /** A delete or keep-aside of a file that is already gone has nothing left to do. */
    private static boolean allowsAbsent(Step step) {
        return step instanceof Step.Delete || step instanceof Step.KeepAside;
    }

    /** What is at a path: a second name for it in the work directory, its identity then, and its content. */
    private record Look(Path taken, Disk.Identity identity, Observed found) {
    }

    /**
     * Links the file at {@code target} to {@code name} and inspects it. {@code found} is null when it
     * was written to during the inspection, ABSENT when nothing is there.
     */
    private Look look(Path target, Path name) throws IOException {
        if (!directories.parentsAreDirectories(target)) {
            return new Look(null, null, Observed.ABSENT);
        }
        Disk.Kind kind = disk.kind(target);
        if (kind == Disk.Kind.ABSENT) {
            return new Look(null, null, Observed.ABSENT);
        }
        if (kind == Disk.Kind.DIRECTORY) {
            throw new IOException("a directory is in the way at " + folder.relativize(target));
        }
        if (kind != Disk.Kind.FILE) {
            throw new IOException("a symbolic link or special file is in the way at " + folder.relativize(target));
        }
        try {
            disk.link(target, name);
        }
        catch (NoSuchFileException e) {
            return new Look(null, null, Observed.ABSENT); // gone just now
        }
        if (disk.kind(name) != Disk.Kind.FILE) {
            dropName(name);
            throw new IOException("something other than a file appeared at " + folder.relativize(target));
        }
        Disk.Identity before = disk.identity(name);
        Observed found = inspect(name);
        Disk.Identity after = disk.identity(name);
        boolean steady = before != null && before.sameFileAs(after) && before.changed() == after.changed();
        return new Look(name, after, steady ? found : null);
    }

    private void dropName(Path name) throws IOException {
        if (name != null) {
            disk.delete(name);
        }
    }

    /** Puts a taken file back; if the path has been taken meanwhile, keeps it instead: never discarded. */
    private void putBack(Path taken, Path target, String path, Observed found) throws IOException {
        if (taken == null) {
            return;
        }
        directories.ensureParents(target);
        if (!disk.link(taken, target)) {
            Observed content = found != null ? found : inspect(taken);
            String where = keep(taken, path, content);
            log.warn(path + " changed twice while sync was writing it; the earlier version is kept as " + where);
        }
        disk.delete(taken); // it is back at its path (or kept): this name has done its job
    }

    private String keep(Path taken, String path, Observed found) throws IOException {
        disk.force(taken);
        return keeper.keep(taken, path, found);
    }

    Observed inspect(Path file) throws IOException {
        TextFiles.Inspector inspector = new TextFiles.Inspector();
        try (InputStream in = disk.open(file)) {
            byte[] buffer = io.foldersync.files.Buffers.get();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                inspector.update(buffer, 0, n);
            }
        }
        TextFiles.Inspection inspection = inspector.finish();
        if (!inspection.text() || inspection.size() > maxFileBytes) {
            return Observed.INELIGIBLE;
        }
        return Observed.file(inspection.sha256(), 0);
    }

    static boolean matches(Observed expect, Observed found) {
        if (expect.isFile()) {
            return found.isFile() && found.version().sameContent(expect.version());
        }
        return expect.state() == found.state();
    }
}
