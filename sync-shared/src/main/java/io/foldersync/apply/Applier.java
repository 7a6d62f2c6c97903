package io.foldersync.apply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
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
 * <li>per step, the file at the path is taken out of the way by an atomic rename into the work
 *     directory, and hashed: only if it is what the plan assumed does the step go on; anything
 *     else is a local edit made meanwhile, which is put back (or, if the path is taken again,
 *     kept) and reported as {@link Outcome.Changed}. New content is linked in only if the path is
 *     still free, so an edit saved during the step is never replaced either;</li>
 * <li>the directories whose entries changed are flushed;</li>
 * <li>only then is the batch recorded (the state database claims nothing that is not on disk);</li>
 * <li>the taken files, staged names and the journal are removed.</li>
 * </ol>
 * Trouble with one path (a directory in the way, a read-only directory, a full disk) fails that
 * step only, with everything of it put back.
 */
public final class Applier {

    private static final Log log = LogFactory.getLog(Applier.class);

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

    public Applier(WorkDir workDir, Disk disk, Keeper keeper, long maxFileBytes) {
        this.folder = workDir.folder();
        this.workDir = workDir;
        this.disk = disk;
        this.keeper = keeper;
        this.maxFileBytes = maxFileBytes;
    }

    public WorkDir workDir() {
        return workDir;
    }

    public List<Outcome> apply(List<Step> steps, Recorder recorder) throws IOException {
        if (steps.isEmpty()) {
            return List.of();
        }
        ensureDirectories(disk, workDir.tmp());
        List<Path> staged = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.Write write) {
                disk.setModifiedTime(write.content().file(), write.mtime());
                staged.add(write.content().file());
            }
        }
        Flush.all(staged, disk::force);

        Map<Step, Path> taken = new LinkedHashMap<>();
        List<Journal.Entry> entries = new ArrayList<>();
        for (Step step : steps) {
            Path name = workDir.newTaken();
            taken.put(step, name);
            entries.add(Journal.Entry.of(step, name));
        }
        Path journal = workDir.newJournal();
        Journal.write(disk, journal, entries);
        try {
            List<Outcome> outcomes = new ArrayList<>(steps.size());
            Set<Path> touched = new LinkedHashSet<>();
            for (Step step : steps) {
                outcomes.add(applyOne(step, taken.get(step), touched));
            }
            Flush.all(existing(touched), disk::forceDirectory);
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
            for (Path name : taken.values()) {
                if (disk.kind(name) == Disk.Kind.FILE) {
                    disk.delete(name);
                }
            }
            for (Path name : staged) {
                disk.delete(name);
            }
            disk.delete(journal);
        }
    }

    private Outcome applyOne(Step step, Path takenName, Set<Path> touched) {
        Path target;
        try {
            target = SyncPath.resolve(folder, step.path());
        }
        catch (IllegalArgumentException e) {
            return new Outcome.Failed(step, new IOException(e.getMessage()));
        }
        Path taken = null;
        try {
            taken = takeOut(target, takenName);
            Observed found = taken == null ? Observed.ABSENT : inspect(taken);
            if (taken != null) {
                touched.add(target.getParent());
            }
            if (!matches(step.expect(), found) && !(taken == null && allowsAbsent(step))) {
                putBack(taken, target, step.path(), found);
                return new Outcome.Changed(step, found);
            }
            if (step instanceof Step.Write write) {
                return write(write, target, taken, found, touched);
            }
            if (step instanceof Step.Move move) {
                return move(move, target, taken, found, touched);
            }
            if (step instanceof Step.KeepAside aside) {
                return new Outcome.Applied(step, taken == null ? null : keep(taken, aside.path(), found));
            }
            if (taken != null) {
                removeEmptyParents(target.getParent()); // a delete: the file is out, its empty directories go too
            }
            return new Outcome.Applied(step, null);
        }
        catch (IOException e) {
            if (taken != null) {
                try {
                    putBack(taken, target, step.path(), Observed.INELIGIBLE);
                }
                catch (IOException again) {
                    e.addSuppressed(again);
                    log.error("could not put " + step.path() + " back after a failed step; it is in " + taken
                            + " and is put back at the next start", again);
                }
            }
            return new Outcome.Failed(step, e);
        }
    }

    /** A delete or keep-aside of a file that is already gone has nothing left to do. */
    private static boolean allowsAbsent(Step step) {
        return step instanceof Step.Delete || step instanceof Step.KeepAside;
    }

    private Outcome write(Step.Write write, Path target, Path taken, Observed found, Set<Path> touched) throws IOException {
        String keptAs = null;
        if (taken != null && write.keepTaken()) {
            keptAs = keep(taken, write.path(), found);
        }
        ensureParents(target);
        if (!disk.link(write.content().file(), target)) {
            // a file appeared after ours was taken out: the user's newest save; what we took was the expected
            // (base) version, superseded by it, or already kept
            return new Outcome.Changed(write, null);
        }
        touched.add(target.getParent());
        return new Outcome.Applied(write, keptAs);
    }

    private Outcome move(Step.Move move, Path source, Path taken, Observed found, Set<Path> touched) throws IOException {
        if (taken == null) {
            return new Outcome.Changed(move, Observed.ABSENT);
        }
        Path destination;
        try {
            destination = SyncPath.resolve(folder, move.to());
        }
        catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        ensureParents(destination);
        if (!disk.link(taken, destination)) {
            putBack(taken, source, move.path(), found);
            return new Outcome.Changed(move, found);
        }
        touched.add(destination.getParent());
        removeEmptyParents(source.getParent());
        return new Outcome.Applied(move, null);
    }

    /** Renames the file at {@code target} into the work directory; null when nothing is there. */
    private Path takeOut(Path target, Path name) throws IOException {
        if (!parentsAreDirectories(target)) {
            return null;
        }
        Disk.Kind kind = disk.kind(target);
        if (kind == Disk.Kind.ABSENT) {
            return null;
        }
        if (kind == Disk.Kind.DIRECTORY) {
            throw new IOException("a directory is in the way at " + folder.relativize(target));
        }
        if (kind != Disk.Kind.FILE) {
            throw new IOException("a symbolic link or special file is in the way at " + folder.relativize(target));
        }
        try {
            disk.rename(target, name);
        }
        catch (NoSuchFileException e) {
            return null; // gone just now
        }
        if (disk.kind(name) != Disk.Kind.FILE) {
            // replaced by something else between the look and the rename: put it back untouched
            disk.rename(name, target);
            throw new IOException("something other than a file appeared at " + folder.relativize(target));
        }
        return name;
    }

    /** Puts a taken file back; if the path has been taken meanwhile, keeps it instead: never discarded. */
    private void putBack(Path taken, Path target, String path, Observed found) throws IOException {
        if (taken == null) {
            return;
        }
        ensureParents(target);
        if (!disk.link(taken, target)) {
            String where = keep(taken, path, found);
            log.warn(path + " changed twice while sync was writing it; the earlier version is kept as " + where);
        }
    }

    private String keep(Path taken, String path, Observed found) throws IOException {
        disk.force(taken);
        return keeper.keep(taken, path, found);
    }

    Observed inspect(Path file) throws IOException {
        TextFiles.Inspector inspector = new TextFiles.Inspector();
        try (InputStream in = disk.open(file)) {
            byte[] buffer = new byte[64 * 1024];
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

    /** True when every directory between the folder and {@code target} exists and is a real directory. */
    private boolean parentsAreDirectories(Path target) throws IOException {
        for (Path p = target.getParent(); p != null && !p.equals(folder); p = p.getParent()) {
            Disk.Kind kind = disk.kind(p);
            if (kind == Disk.Kind.ABSENT) {
                return false;
            }
            if (kind != Disk.Kind.DIRECTORY) {
                throw new IOException("refusing to go through " + folder.relativize(p) + ": not a directory (a symbolic link?)");
            }
        }
        return true;
    }

    /** Creates the missing directories above {@code target}, refusing to go through a link. */
    private void ensureParents(Path target) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = target.getParent(); p != null && !p.equals(folder); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            Disk.Kind kind = disk.kind(p);
            if (kind == Disk.Kind.ABSENT) {
                disk.createDirectory(p);
            }
            else if (kind != Disk.Kind.DIRECTORY) {
                throw new IOException("refusing to write through " + folder.relativize(p) + ": not a directory (a symbolic link?)");
            }
        }
    }

    private void removeEmptyParents(Path directory) throws IOException {
        for (Path p = directory; p != null && !p.equals(folder) && p.startsWith(folder); p = p.getParent()) {
            try {
                if (!disk.delete(p)) {
                    return;
                }
            }
            catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** The directories to flush: those touched, or their nearest existing ancestor when removed. */
    private List<Path> existing(Set<Path> touched) throws IOException {
        Set<Path> result = new LinkedHashSet<>();
        for (Path dir : touched) {
            Path p = dir;
            while (p != null && p.startsWith(folder) && disk.kind(p) != Disk.Kind.DIRECTORY) {
                p = p.getParent();
            }
            if (p != null) {
                result.add(p);
            }
        }
        return new ArrayList<>(result);
    }

    static void ensureDirectories(Disk disk, Path directory) throws IOException {
        if (disk.kind(directory) == Disk.Kind.DIRECTORY) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            ensureDirectories(disk, parent);
        }
        disk.createDirectory(directory);
    }
}
