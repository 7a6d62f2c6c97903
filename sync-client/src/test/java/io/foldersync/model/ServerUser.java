package io.foldersync.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's user: creates, saves, deletes and moves files and directories straight in the
 * server's folders (mostly the active one; now and then the other, which the sync takes up at the
 * next switch), the way a person or a script on that machine would.
 */
final class ServerUser {

    private final Model model;

    ServerUser(Model model) {
        this.model = model;
    }

    /** Mostly the active folder; now and then the other one. */
    String folderChoice() {
        return model.chance(85) ? model.activeFolder() : model.otherFolder();
    }

    boolean create(String folder) throws IOException {
        List<String> free = Model.freePaths(model.cluster.serverFolder(folder));
        if (free.isEmpty()) {
            model.log.log("server create in " + folder + ": skipped, no free path");
            return false;
        }
        String path = model.any(free);
        Ledger.Version v = model.ledger.draft(Ledger.SERVER, folder + "/" + path, path, model.step(), model.filler());
        if (!model.hands.create(model.serverFile(folder, path), v.bytes())) {
            model.log.log("server create " + folder + "/" + path + ": skipped, the path is taken");
            return false;
        }
        model.ledger.record(v);
        model.log.log("server create " + folder + "/" + path + " = " + v.name() + inactive(folder));
        return true;
    }

    boolean modify(String folder) throws IOException {
        List<String> files = List.copyOf(model.serverFiles(folder));
        if (files.isEmpty()) {
            model.log.log("server modify in " + folder + ": skipped, no file");
            return false;
        }
        save(folder, model.any(files), "modify");
        return true;
    }

    void save(String folder, String path, String what) throws IOException {
        save(folder, path, what, model.ledger.draft(Ledger.SERVER, folder + "/" + path, path, model.step(), model.filler()));
    }

    /** Makes a file binary: it leaves the synchronised set (clients drop unchanged copies, keep edited ones). */
    boolean saveBinary(String folder) throws IOException {
        List<String> files = List.copyOf(model.serverFiles(folder));
        if (files.isEmpty()) {
            model.log.log("server binary save in " + folder + ": skipped, no file");
            return false;
        }
        String path = model.any(files);
        save(folder, path, "binary save", model.ledger.draftBinary(Ledger.SERVER, folder + "/" + path, path, model.step(),
                model.filler()));
        return true;
    }

    private void save(String folder, String path, String what, Ledger.Version draft) throws IOException {
        Ledger.Version v = model.ledger.record(draft);
        List<String> taken = model.hands.save(model.serverFile(folder, path), v.bytes());
        taken.forEach(t -> model.ledger.supersede(t, model.step()));
        model.log.log("server " + what + " " + folder + "/" + path + ": " + model.ledger.names(taken) + " -> " + v.name()
                + inactive(folder));
    }

    /** Deletes a file; now and then every file of the folder (a folder really emptied must still propagate). */
    boolean delete(String folder) throws IOException {
        List<String> files = List.copyOf(model.serverFiles(folder));
        if (files.isEmpty()) {
            model.log.log("server delete in " + folder + ": skipped, no file");
            return false;
        }
        if (model.chance(10)) {
            model.log.log("server deletes every file of " + folder);
            for (String path : files) {
                delete(folder, path);
            }
            return true;
        }
        return delete(folder, model.any(files));
    }

    boolean delete(String folder, String path) throws IOException {
        String taken = model.hands.delete(model.serverFile(folder, path));
        if (taken != null) {
            model.ledger.supersede(taken, model.step());
        }
        model.log.log("server delete " + folder + "/" + path + ": took " + model.ledger.name(taken) + inactive(folder));
        return taken != null;
    }

    boolean move(String folder) throws IOException {
        List<String> files = List.copyOf(model.serverFiles(folder));
        if (files.isEmpty()) {
            model.log.log("server move in " + folder + ": skipped, nothing to move");
            return false;
        }
        return move(folder, model.any(files));
    }

    /** A rename, or a move into another directory: one rename(2), the content unchanged. */
    boolean move(String folder, String from) throws IOException {
        List<String> free = Model.freePaths(model.cluster.serverFolder(folder));
        if (free.isEmpty()) {
            model.log.log("server move " + folder + "/" + from + ": skipped, nowhere to");
            return false;
        }
        String to = model.any(free);
        boolean moved = model.hands.move(model.serverFile(folder, from), model.serverFile(folder, to));
        model.log.log("server move " + folder + "/" + from + " -> " + to
                + (moved ? ": " + model.ledger.name(Model.readQuietly(model.serverFile(folder, to))) : ": skipped, the file is gone")
                + inactive(folder));
        return moved;
    }

    boolean moveDirectory(String folder) throws IOException {
        Path root = model.cluster.serverFolder(folder);
        List<String> from = Model.DIRECTORIES.stream().filter(d -> Files.isDirectory(root.resolve(d))).toList();
        List<String> to = Model.DIRECTORIES.stream().filter(d -> !Files.exists(root.resolve(d))).toList();
        if (from.isEmpty() || to.isEmpty()) {
            model.log.log("server directory move in " + folder + ": skipped, nothing to move or nowhere to");
            return false;
        }
        String source = model.any(from);
        String target = model.any(to);
        boolean moved = model.hands.move(root.resolve(source), root.resolve(target));
        model.log.log("server directory move " + folder + "/" + source + " -> " + target + (moved ? "" : ": skipped, gone")
                + inactive(folder));
        return moved;
    }

    /** What the server's user does to one given file: mostly a new version, else a delete or a move. */
    void change(String folder, String path, String what) throws IOException {
        int r = model.random().nextInt(100);
        if (r < 60) {
            save(folder, path, what);
        }
        else if (r < 80) {
            delete(folder, path);
        }
        else {
            move(folder, path);
        }
    }

    private String inactive(String folder) {
        return folder.equals(model.activeFolder()) ? "" : " (inactive folder)";
    }
}
