package io.foldersync.model;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The clients' users: they edit the files they have (several times in a row now and then, as
 * editors do), and create files of their own, which are local-only and must never leave their
 * client. They work whether their client runs or not.
 */
final class ClientUsers {

    private final Model model;

    ClientUsers(Model model) {
        this.model = model;
    }

    boolean edit(String client) throws IOException {
        List<String> files = model.editable(client);
        if (files.isEmpty()) {
            model.log.log(client + " edit: skipped, no tracked file");
            return false;
        }
        save(client, model.any(files), "edit");
        return true;
    }

    void save(String client, String path, String what) throws IOException {
        save(client, path, what, model.ledger.draft(client, client + ":" + path, path, model.step(), model.filler()));
    }

    /**
     * Makes a tracked file binary: an edit the client cannot send (the server takes only text). It is
     * the user's, like a new local file: it never leaves the client, and is kept aside, never
     * overwritten, when the server's version changes.
     */
    boolean saveBinary(String client) throws IOException {
        List<String> files = model.editable(client);
        if (files.isEmpty()) {
            model.log.log(client + " binary save: skipped, no tracked file");
            return false;
        }
        String path = model.any(files);
        save(client, path, "binary save", Ledger.privateTo(model.ledger.draftBinary(client, client + ":" + path, path,
                model.step(), model.filler()), client));
        return true;
    }

    private void save(String client, String path, String what, Ledger.Version draft) throws IOException {
        Ledger.Version v = model.ledger.record(draft);
        List<String> taken = model.hands.save(model.clientFile(client, path), v.bytes());
        taken.forEach(t -> model.ledger.supersede(t, model.step()));
        model.log.log(client + " " + what + " " + path + ": " + model.ledger.names(taken) + " -> " + v.name()
                + (model.running(client) ? "" : " (while stopped)"));
    }

    /** Three to five saves of one file, each within 150 ms of the last. */
    boolean quickSaves(String client) throws IOException {
        List<String> files = model.editable(client);
        if (files.isEmpty()) {
            model.log.log(client + " quick saves: skipped, no tracked file");
            return false;
        }
        String path = model.any(files);
        int saves = 3 + model.random().nextInt(3);
        for (int i = 1; i <= saves; i++) {
            save(client, path, "save " + i + "/" + saves);
            if (i < saves) {
                Model.pause(model.random().nextInt(150));
            }
        }
        return true;
    }

    /**
     * A new file where the client has neither a file nor a base: local-only, private to it. Half of
     * the time at a path the server's other folder has, so that a switch meets it.
     */
    boolean createLocal(String client) throws IOException {
        if (!model.running(client)) {
            return false;
        }
        Set<String> bases = model.bases(client);
        List<String> free = Model.freePaths(model.clientFolder(client)).stream().filter(p -> !bases.contains(p)).toList();
        if (free.isEmpty()) {
            model.log.log(client + " create local file: skipped, no free path");
            return false;
        }
        List<String> inOther = free.stream().filter(model.serverFiles(model.otherFolder())::contains).toList();
        String path = !inOther.isEmpty() && model.random().nextBoolean() ? model.any(inOther) : model.any(free);
        Ledger.Version v = model.ledger.draft(client, client + ":" + path, path, model.step(), model.filler());
        if (!model.hands.create(model.clientFile(client, path), v.bytes())) {
            model.log.log(client + " create local file " + path + ": skipped, the sync put a file there");
            return false;
        }
        // a base that appeared meanwhile makes it an edit of the server's file, which may travel
        boolean local = !model.bases(client).contains(path);
        model.ledger.record(local ? Ledger.privateTo(v, client) : v);
        model.log.log(client + " create local file " + path + " = " + v.name() + (local ? "" : " (a base appeared: an edit)"));
        return true;
    }

    /**
     * A new local file while the client is down: the reconcile at its start meets it without a base.
     *
     * @param bases the client's bases when it stopped (its database cannot be read while it is down); the new path is added
     */
    void createLocalWhileStopped(String client, Set<String> bases) throws IOException {
        List<String> free = Model.freePaths(model.clientFolder(client)).stream().filter(p -> !bases.contains(p)).toList();
        if (free.isEmpty()) {
            return;
        }
        String path = model.any(free);
        Ledger.Version v = model.ledger.draft(client, client + ":" + path, path, model.step(), model.filler());
        if (model.hands.create(model.clientFile(client, path), v.bytes())) {
            model.ledger.record(Ledger.privateTo(v, client));
            bases.add(path);
            model.log.log(client + " create local file " + path + " = " + v.name() + " (while stopped)");
        }
    }
}
