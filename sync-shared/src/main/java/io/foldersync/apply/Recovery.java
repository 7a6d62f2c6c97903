package io.foldersync.apply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.protocol.SyncPath;
import io.foldersync.reconcile.Observed;

/**
 * Runs at start-up, before anything else touches a folder: finishes or undoes what a power cut or
 * a {@code kill -9} interrupted. Every file a journal says was taken out of the way goes back to its
 * path if the path is empty; if the path holds something else, the taken file is dropped only when
 * it is exactly the version the plan meant to replace (and, for a delete, the state database no
 * longer has it), and kept as a copy otherwise. Staged content that never got into place is removed:
 * it came from the peer, which still has it.
 */
public final class Recovery {

    private static final Log log = LogFactory.getLog(Recovery.class);

    /** The state database's base for a path of this folder (its sha256), or null. */
    @FunctionalInterface
    public interface Bases {
        String of(String path);
    }

    private final WorkDir workDir;

    private final Disk disk;

    private final Keeper keeper;

    private final Applier inspector;

    public Recovery(WorkDir workDir, Disk disk, Keeper keeper, long maxFileBytes) {
        this.workDir = workDir;
        this.disk = disk;
        this.keeper = keeper;
        this.inspector = new Applier(workDir, disk, keeper, maxFileBytes);
    }

    /** @return how many taken files were put back or kept */
    public int recover(Bases bases) throws IOException {
        List<Path> names = disk.list(workDir.tmp());
        Set<String> referenced = new HashSet<>();
        Set<Path> touched = new LinkedHashSet<>();
        int handled = 0;
        for (Path name : names) {
            String file = name.getFileName().toString();
            if (!file.startsWith(WorkDir.JOURNAL_PREFIX)) {
                continue;
            }
            for (Journal.Entry entry : Journal.read(disk, name)) {
                Path taken = workDir.tmp().resolve(entry.taken());
                Path out = workDir.outFor(taken);
                referenced.add(taken.getFileName().toString());
                referenced.add(out.getFileName().toString());
                // what was renamed out of the path first (it may be a newer save than the verified version), then
                // the second name of the verified version
                for (Path version : List.of(out, taken)) {
                    if (disk.kind(version) == Disk.Kind.FILE) {
                        resolveOne(entry, version, bases, touched);
                        handled++;
                    }
                }
            }
        }
        for (Path dir : touched) {
            if (disk.kind(dir) == Disk.Kind.DIRECTORY) {
                disk.forceDirectory(dir);
            }
        }
        for (Path name : names) {
            String file = name.getFileName().toString();
            if ((file.startsWith(WorkDir.TAKEN_PREFIX) || file.startsWith(WorkDir.OUT_PREFIX)) && !referenced.contains(file)
                    && disk.kind(name) == Disk.Kind.FILE) {
                // never expected (a taken file is always journalled first); keep it rather than guess
                log.warn("an unexplained file " + name + " in the work directory is kept as it is");
                continue;
            }
            if (disk.kind(name) == Disk.Kind.FILE) {
                disk.delete(name); // journals handled above, staged content, and other temporaries
            }
        }
        if (handled > 0) {
            log.info("recovered " + handled + " file(s) an interrupted write had taken out of the way in " + workDir.folder());
        }
        return handled;
    }

    private void resolveOne(Journal.Entry entry, Path taken, Bases bases, Set<Path> touched) throws IOException {
        Path target = resolve(entry.path());
        Observed found = inspector.inspect(taken);
        if (target == null) {
            keeper.keep(taken, entry.path(), found);
            return;
        }
        switch (entry.op()) {
            case "MOVE" -> {
                Path destination = resolve(entry.to());
                if (destination != null && disk.kind(destination) == Disk.Kind.FILE
                        && Applier.matches(found, inspector.inspect(destination))) {
                    return; // the move landed; the taken name is a second link to the same file
                }
                restoreOrKeep(entry, taken, target, found, touched);
            }
            case "DELETE" -> {
                if (disk.kind(target) == Disk.Kind.ABSENT && entry.expects(found) && bases.of(entry.path()) == null) {
                    return; // the delete was complete and recorded
                }
                restoreOrKeep(entry, taken, target, found, touched);
            }
            default -> restoreOrKeep(entry, taken, target, found, touched);
        }
    }

    private void restoreOrKeep(Journal.Entry entry, Path taken, Path target, Observed found, Set<Path> touched)
            throws IOException {
        if (disk.kind(target) == Disk.Kind.ABSENT && parentsUsable(target)) {
            ensureParents(target);
            if (disk.link(taken, target)) {
                touched.add(target.getParent());
                return;
            }
        }
        Disk.Kind kind = disk.kind(target);
        if (kind == Disk.Kind.FILE && Applier.matches(found, inspector.inspect(target))) {
            return; // the same content is in place
        }
        if (entry.expects(found) && !entry.keep() && !"KEEP_ASIDE".equals(entry.op())) {
            return; // exactly the version the step meant to replace, and the step completed
        }
        disk.force(taken);
        String where = keeper.keep(taken, entry.path(), found);
        log.warn("after an interrupted write, a version of " + entry.path() + " is kept as " + where);
    }

    private Path resolve(String path) {
        try {
            return SyncPath.resolve(workDir.folder(), path);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean parentsUsable(Path target) throws IOException {
        for (Path p = target.getParent(); p != null && !p.equals(workDir.folder()); p = p.getParent()) {
            Disk.Kind kind = disk.kind(p);
            if (kind != Disk.Kind.ABSENT && kind != Disk.Kind.DIRECTORY) {
                return false;
            }
        }
        return true;
    }

    private void ensureParents(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent != null && !parent.equals(workDir.folder()) && disk.kind(parent) == Disk.Kind.ABSENT) {
            ensureParents(parent);
            disk.createDirectory(parent);
        }
    }
}
