package io.foldersync.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.foldersync.client.link.ServerLink;
import io.foldersync.server.folder.ActiveFolder;
import io.foldersync.server.session.ClientSession;
import io.foldersync.server.session.ClientSessions;

/**
 * Carries out one {@link Action}: the single file actions of {@link ServerUser} and
 * {@link ClientUsers}, and the ones that make the sync's life hard: one file changed on several
 * sides at once, restarts with work done meanwhile, cut connections, folder switches in the ways
 * they meet users, bursts without a pause.
 */
final class Actions {

    private final Model model;

    private final ServerUser server;

    private final ClientUsers clients;

    Actions(Model model) {
        this.model = model;
        this.server = new ServerUser(model);
        this.clients = new ClientUsers(model);
    }

    /** @return false when the action found nothing to act on (skipped) */
    boolean act(Action action) throws IOException {
        return switch (action) {
            case SERVER_CREATE -> server.create(server.folderChoice());
            case SERVER_MODIFY -> server.modify(server.folderChoice());
            case SERVER_DELETE -> server.delete(server.folderChoice());
            case SERVER_MOVE -> server.move(server.folderChoice());
            case SERVER_MOVE_DIRECTORY -> server.moveDirectory(server.folderChoice());
            case CLIENT_EDIT -> clients.edit(model.anyClient());
            case CLIENT_QUICK_SAVES -> clients.quickSaves(model.anyClient());
            case CLIENT_CREATE_LOCAL -> clients.createLocal(model.anyClient());
            case CONCURRENT_CHANGE -> concurrentChange();
            case CLIENT_RESTART -> restartClient(model.anyClient());
            case CONNECTION_CUT -> cutConnection(model.anyClient());
            case SERVER_RESTART -> restartServer();
            case FOLDER_SWITCH -> switchFolder();
            case BURST -> burst();
            case CLIENT_BINARY_SAVE -> clients.saveBinary(model.anyClient());
            case SERVER_BINARY_SAVE -> server.saveBinary(server.folderChoice());
        };
    }

    /** A short pause after an action, or none: sometimes the sync acts between two actions, sometimes it meets them together. */
    void pauseMaybe() {
        int r = model.random().nextInt(10);
        if (r >= 8) {
            Model.pause(500 + model.random().nextInt(1000));
        }
        else if (r >= 4) {
            Model.pause(20 + model.random().nextInt(280));
        }
    }

    /**
     * One file changed on several sides at once: a client's edit (sometimes the other client's too)
     * and, in random order among them, the server's user saving, deleting or moving it.
     */
    private boolean concurrentChange() throws IOException {
        String client = model.anyClient();
        List<String> files = model.editable(client);
        if (files.isEmpty()) {
            model.log.log("concurrent change: skipped, " + client + " has no tracked file");
            return false;
        }
        String path = model.any(files);
        String other = Model.otherClient(client);
        List<String> who = new ArrayList<>(List.of(Ledger.SERVER, client));
        if (model.chance(40) && model.clientFiles(other).contains(path)) {
            who.add(other);
        }
        Collections.shuffle(who, model.random());
        model.log.log("concurrent change of " + path + " by " + who);
        String folder = model.activeFolder();
        for (String side : who) {
            if (side.equals(Ledger.SERVER)) {
                server.change(folder, path, "concurrent edit");
            }
            else {
                clients.save(side, path, "concurrent edit");
            }
        }
        return true;
    }

    /** A client stopped and started again; meanwhile its user and the server's may work on the same files. */
    private boolean restartClient(String client) throws IOException {
        Set<String> bases = stopClient(client);
        for (int n = model.random().nextInt(3); n > 0; n--) {
            int r = model.random().nextInt(10);
            if (r < 4) {
                clients.edit(client);
            }
            else if (r < 6) {
                clients.createLocalWhileStopped(client, bases);
            }
            else {
                // the server's user changes a file the stopped client has: the reconcile at its start meets both
                List<String> files = model.editable(client);
                if (!files.isEmpty()) {
                    server.change(model.activeFolder(), model.any(files), "modify");
                }
            }
        }
        startClient(client);
        if (model.chance(30)) {
            clients.edit(client); // while its first reconcile runs
        }
        return true;
    }

    private Set<String> stopClient(String client) {
        Set<String> bases = model.bases(client);
        model.cluster.client(client).stop();
        model.log.log(client + " stopped");
        return bases;
    }

    private void startClient(String client) {
        model.cluster.startClient(client);
        model.log.log(client + " started");
    }

    /** Closes a client's connection, from its side (mostly) or from the server's; the client reconnects. */
    private boolean cutConnection(String client) {
        if (!model.running(client) || !model.cluster.client(client).connected()) {
            model.log.log("cut " + client + "'s connection: skipped, not connected");
            return false;
        }
        if (model.chance(70)) {
            model.cluster.client(client).bean(ServerLink.class).close();
            model.log.log("cut " + client + "'s connection (closed by the client)");
            return true;
        }
        for (ClientSession session : model.cluster.server().bean(ClientSessions.class).ready()) {
            if (session.clientId().equals(client)) {
                session.link().close();
                model.log.log("cut " + client + "'s connection (closed by the server)");
                return true;
            }
        }
        model.log.log("cut " + client + "'s connection: skipped, no session on the server");
        return false;
    }

    /** The server stopped and started again on its port; meanwhile users on both sides go on working. */
    private boolean restartServer() throws IOException {
        String active = model.activeFolder();
        int port = model.cluster.server().syncPort();
        model.cluster.server().stop();
        model.log.log("server stopped");
        for (int n = model.random().nextInt(3); n > 0; n--) {
            String client = model.anyClient();
            List<String> files = model.editable(client);
            if (files.isEmpty()) {
                continue;
            }
            String path = model.any(files);
            if (model.random().nextBoolean()) {
                clients.save(client, path, "edit");
            }
            else {
                server.change(active, path, "modify");
            }
        }
        model.cluster.startServer(port);
        model.log.log("server started");
        return true;
    }

    /**
     * A folder switch, in one of the ways it meets users: plain; overtaking a client's edit made just
     * before it; away and back again within a moment, with a client edit or a new local file
     * between; or while a client is stopped (it learns of the switch at its handshake).
     */
    private boolean switchFolder() throws IOException {
        int r = model.random().nextInt(10);
        if (r < 3) {
            clients.edit(model.anyClient());
            switchTo(model.otherFolder());
        }
        else if (r < 6) {
            switchTo(model.otherFolder());
            Model.pause(model.random().nextInt(300));
            String client = model.anyClient();
            if (model.random().nextBoolean()) {
                clients.edit(client);
            }
            else {
                clients.createLocal(client);
            }
            switchTo(model.otherFolder());
        }
        else if (r < 8) {
            String client = model.anyClient();
            Set<String> bases = stopClient(client);
            switchTo(model.otherFolder());
            if (model.random().nextBoolean()) {
                clients.edit(client);
            }
            else {
                clients.createLocalWhileStopped(client, bases);
            }
            startClient(client);
        }
        else {
            switchTo(model.otherFolder());
        }
        return true;
    }

    private void switchTo(String folder) {
        model.cluster.server().bean(ActiveFolder.class).switchTo(folder);
        model.log.log("server switch to " + folder);
    }

    /** Several file actions on all sides with no pause between them: the sync meets them all in flight. */
    private boolean burst() throws IOException {
        int n = 4 + model.random().nextInt(5);
        model.log.log("burst of " + n + " actions");
        for (int i = 0; i < n; i++) {
            String active = model.activeFolder();
            switch (model.random().nextInt(6)) {
                case 0 -> server.create(active);
                case 1 -> server.modify(active);
                case 2 -> server.delete(active);
                case 3 -> server.move(active);
                case 4 -> clients.createLocal(model.anyClient());
                default -> clients.edit(model.anyClient());
            }
        }
        return true;
    }
}
