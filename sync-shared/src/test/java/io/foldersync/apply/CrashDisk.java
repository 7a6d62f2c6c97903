package io.foldersync.apply;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A model of a journaling file system (ext4, xfs) and of what a power cut leaves of it, for
 * checking the order of the applier's steps:
 * <ul>
 * <li>metadata operations (create, rename, link, unlink, mkdir, rmdir) reach the disk in the order
 *     they were made; an {@code fsync} of any file or directory commits every one made before it;
 *     after a cut, any prefix of the operations since the last commit may have survived;</li>
 * <li>a file's content survives only if the file was flushed after it was written; otherwise it
 *     reads as garbage.</li>
 * </ul>
 * Every event is recorded on a timeline; {@link #crashStates(int)} gives every state a cut after
 * the first {@code k} events can leave. Hooks let a test act "concurrently" between two steps.
 */
final class CrashDisk implements Disk {

    static final String GARBAGE = "<garbage: never flushed>";

    /** The visible state: files (path -> content) and directories. */
    record State(Map<Path, String> files, Set<Path> dirs) {
    }

    private static final class Inode {
        String data = "";
        String durable; // null: never flushed
        long version; // moves with every write: the model's mtime and ctime
    }

    private sealed interface Event permits Meta, Flush, Marker {
    }

    private record Meta(Consumer<Namespace> op) implements Event {
    }

    private record Flush(Inode inode, String data) implements Event {
    }

    private record Marker(String name) implements Event {
    }

    private static final class Namespace {
        final Map<Path, Inode> files = new HashMap<>();
        final Set<Path> dirs = new HashSet<>();

        Namespace copy() {
            Namespace n = new Namespace();
            n.files.putAll(files);
            n.dirs.addAll(dirs);
            return n;
        }
    }

    private final Namespace initial;

    private final Namespace live;

    private final List<Event> timeline = new ArrayList<>();

    /** Called with the operation name and path before each operation; may throw or change the disk. */
    private Hook hook = (op, path) -> { };

    interface Hook {
        void before(String op, Path path) throws IOException;
    }

    CrashDisk(State state) {
        initial = new Namespace();
        state.dirs().forEach(initial.dirs::add);
        state.files().forEach((path, content) -> {
            Inode inode = new Inode();
            inode.data = content;
            inode.durable = content;
            initial.files.put(path, inode);
        });
        live = initial.copy();
    }

    void hook(Hook hook) {
        this.hook = hook;
    }

    int events() {
        return timeline.size();
    }

    synchronized void mark(String name) {
        timeline.add(new Marker(name));
    }

    /** Index of a marker in the timeline, or -1. */
    synchronized int indexOf(String marker) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i) instanceof Marker m && m.name().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    State state() {
        return view(live, false);
    }

    /** Every state a power cut after the first {@code k} events can leave. */
    synchronized List<State> crashStates(int k) {
        int metas = 0;
        int committed = 0;
        for (int i = 0; i < k; i++) {
            Event e = timeline.get(i);
            if (e instanceof Meta) {
                metas++;
            }
            else if (e instanceof Flush) {
                committed = metas;
            }
        }
        List<State> states = new ArrayList<>();
        for (int survive = committed; survive <= metas; survive++) {
            Namespace ns = initial.copy();
            Map<Inode, String> durable = new HashMap<>();
            int applied = 0;
            for (int i = 0; i < k; i++) {
                Event e = timeline.get(i);
                if (e instanceof Meta m && applied < survive) {
                    m.op().accept(ns);
                    applied++;
                }
                else if (e instanceof Flush f) {
                    durable.put(f.inode(), f.data());
                }
            }
            Map<Path, String> files = new TreeMap<>();
            ns.files.forEach((path, inode) -> files.put(path,
                    durable.containsKey(inode) ? durable.get(inode) : inode.durable != null ? inode.durable : GARBAGE));
            states.add(new State(files, new HashSet<>(ns.dirs)));
        }
        return states;
    }

    private static State view(Namespace ns, boolean durableOnly) {
        Map<Path, String> files = new TreeMap<>();
        ns.files.forEach((path, inode) -> files.put(path, durableOnly ? inode.durable : inode.data));
        return new State(files, new HashSet<>(ns.dirs));
    }

    private synchronized void meta(Consumer<Namespace> op) {
        op.accept(live);
        timeline.add(new Meta(op));
    }

    // ------------------------------------------------------------------ Disk

    @Override
    public synchronized Kind kind(Path path) {
        if (live.files.containsKey(path)) {
            return Kind.FILE;
        }
        return live.dirs.contains(path) ? Kind.DIRECTORY : Kind.ABSENT;
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        hook.before("create", file);
        synchronized (this) {
            requireParent(file);
            if (kind(file) != Kind.ABSENT) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Inode inode = new Inode();
            meta(ns -> ns.files.put(file, inode));
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    inode.data = toString(StandardCharsets.UTF_8);
                    inode.version++;
                }
            };
        }
    }

    @Override
    public synchronized Identity identity(Path path) {
        Inode inode = live.files.get(path);
        return inode == null ? null : new Identity(inode, inode.data.length(), inode.version, inode.version);
    }

    /** A write into an existing file, the way a program that keeps it open appends to it. */
    synchronized void userAppends(Path file, String more) {
        Inode inode = live.files.get(file);
        inode.data = inode.data + more;
        inode.version++;
        timeline.add(new Flush(inode, inode.data));
    }

    @Override
    public synchronized InputStream open(Path file) throws IOException {
        Inode inode = live.files.get(file);
        if (inode == null) {
            throw new NoSuchFileException(file.toString());
        }
        return new ByteArrayInputStream(inode.data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void setModifiedTime(Path file, long millis) throws IOException {
        if (!live.files.containsKey(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    @Override
    public void force(Path file) throws IOException {
        hook.before("force", file);
        synchronized (this) {
            Inode inode = live.files.get(file);
            if (inode == null) {
                throw new NoSuchFileException(file.toString());
            }
            timeline.add(new Flush(inode, inode.data));
        }
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        hook.before("forceDirectory", directory);
        synchronized (this) {
            if (!live.dirs.contains(directory)) {
                throw new NoSuchFileException(directory.toString());
            }
            timeline.add(new Flush(new Inode(), ""));
        }
    }

    /** syncfs: every file's content as it is now is durable, and every operation made so far is committed. */
    @Override
    public boolean syncFileSystem(Path within) throws IOException {
        hook.before("syncFileSystem", within);
        synchronized (this) {
            timeline.add(new Flush(new Inode(), ""));
            for (Inode inode : new HashSet<>(live.files.values())) {
                timeline.add(new Flush(inode, inode.data));
            }
        }
        return true;
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        hook.before("rename", from);
        synchronized (this) {
            Inode inode = live.files.get(from);
            if (inode == null) {
                throw new NoSuchFileException(from.toString());
            }
            requireParent(to);
            if (kind(to) != Kind.ABSENT) {
                throw new FileAlreadyExistsException(to.toString());
            }
            meta(ns -> {
                ns.files.remove(from);
                ns.files.put(to, inode);
            });
        }
    }

    @Override
    public boolean link(Path existing, Path name) throws IOException {
        hook.before("link", name);
        synchronized (this) {
            Inode inode = live.files.get(existing);
            if (inode == null) {
                throw new NoSuchFileException(existing.toString());
            }
            requireParent(name);
            if (kind(name) != Kind.ABSENT) {
                return false;
            }
            meta(ns -> ns.files.put(name, inode));
            return true;
        }
    }

    @Override
    public boolean delete(Path path) throws IOException {
        hook.before("delete", path);
        synchronized (this) {
            if (live.files.containsKey(path)) {
                meta(ns -> ns.files.remove(path));
                return true;
            }
            if (live.dirs.contains(path)) {
                boolean empty = live.files.keySet().stream().noneMatch(p -> path.equals(p.getParent()))
                        && live.dirs.stream().noneMatch(p -> path.equals(p.getParent()));
                if (!empty) {
                    throw new DirectoryNotEmptyException(path.toString());
                }
                meta(ns -> ns.dirs.remove(path));
                return true;
            }
            return false;
        }
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        hook.before("createDirectory", directory);
        synchronized (this) {
            requireParent(directory);
            if (kind(directory) == Kind.FILE) {
                throw new FileAlreadyExistsException(directory.toString());
            }
            if (!live.dirs.contains(directory)) {
                meta(ns -> ns.dirs.add(directory));
            }
        }
    }

    @Override
    public synchronized List<Path> list(Path directory) {
        List<Path> names = new ArrayList<>();
        live.files.keySet().stream().filter(p -> directory.equals(p.getParent())).forEach(names::add);
        live.dirs.stream().filter(p -> directory.equals(p.getParent())).forEach(names::add);
        names.sort(null);
        return names;
    }

    /** A user's editor saving the way careful editors do: content written and flushed, then renamed into place. */
    synchronized void userWrites(Path file, String content) {
        Inode inode = new Inode();
        inode.data = content;
        timeline.add(new Flush(inode, content));
        meta(ns -> ns.files.put(file, inode));
    }

    private void requireParent(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null && !live.dirs.contains(parent)) {
            throw new NoSuchFileException(parent + " (parent of " + path + ")");
        }
    }
}
