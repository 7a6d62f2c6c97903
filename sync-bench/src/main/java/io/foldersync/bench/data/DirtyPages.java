package io.foldersync.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import io.foldersync.bench.support.Processes;

/**
 * How much of a tree's content is still only in memory (dirty or under writeback in the page cache),
 * i.e. not yet on disk: whether the program that wrote it flushed it. Read file by file with the
 * {@code cachestat} system call (Linux 6.5 and later), through Python's ctypes since Java 17 cannot
 * make a system call without native code. Where either is missing the figure is unknown, never
 * guessed.
 */
public final class DirtyPages {

    /** x86_64 and arm64 share the number of cachestat (451). */
    static final String SCRIPT = """
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            class Range(ctypes.Structure):
                _fields_ = [("off", ctypes.c_uint64), ("len", ctypes.c_uint64)]
            class Stat(ctypes.Structure):
                _fields_ = [(n, ctypes.c_uint64) for n in ("cache", "dirty", "writeback", "evicted", "recent")]
            unflushed = 0
            for root, dirs, files in os.walk(sys.argv[1]):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith("."):
                        continue
                    path = os.path.join(root, name)
                    if os.path.islink(path):
                        continue
                    fd = os.open(path, os.O_RDONLY)
                    try:
                        stat = Stat()
                        if libc.syscall(451, fd, ctypes.byref(Range(0, 0)), ctypes.byref(stat), 0) != 0:
                            sys.exit("cachestat failed: errno %d" % ctypes.get_errno())
                        unflushed += stat.dirty + stat.writeback
                    finally:
                        os.close(fd)
            print(unflushed * os.sysconf("SC_PAGE_SIZE"))
            """;

    private DirtyPages() {
    }

    /** Bytes of the tree's files not yet written to disk; empty when this machine cannot tell. */
    public static OptionalLong unflushedBytes(Path root) {
        try {
            Processes.Result result = Processes.execute(List.of("python3", "-c", SCRIPT, root.toString()), 120);
            if (!result.ok()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(result.output().strip()));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
