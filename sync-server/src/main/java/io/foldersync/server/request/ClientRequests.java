package io.foldersync.server.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.foldersync.link.Outgoing;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.Content;
import io.foldersync.protocol.ErrorCode;
import io.foldersync.protocol.Features;
import io.foldersync.protocol.Frame;
import io.foldersync.protocol.JsonContent;
import io.foldersync.protocol.SyncMessage;
import io.foldersync.server.command.CommandProperties.Command;
import io.foldersync.server.command.CommandRefused;
import io.foldersync.server.command.CommandRun;
import io.foldersync.server.command.CommandRunner;
import io.foldersync.server.command.RunListener;
import io.foldersync.server.command.RunResult;
import io.foldersync.server.conflict.ConflictKeeper;
import io.foldersync.server.conflict.ConflictRecord;
import io.foldersync.server.permission.Permissions;
import io.foldersync.server.session.ClientSession;

/**
 * Answers a ready session's requests beyond syncing: PERMISSIONS_REQUEST, COMMAND_RUN (feature
 * {@code commands}), CONFLICTS_REQUEST and CONFLICT_FETCH (feature {@code conflict-versions}),
 * and checks the grant of a FOLDER_COMMAND switch. A request whose feature the session did not
 * agree on in the handshake is refused; a refusal is an ERROR with {@code ref} = the request's id.
 */
public class ClientRequests {

    private static final Log log = LogFactory.getLog(ClientRequests.class);

    /** Kept versions listed for one client: the newest ones. */
    static final int MAX_LISTED_CONFLICTS = 200;

    private final Permissions permissions;

    private final CommandRunner runner;

    private final ConflictKeeper conflicts;

    private final SyncMeters meters;

    public ClientRequests(Permissions permissions, CommandRunner runner, ConflictKeeper conflicts, SyncMeters meters) {
        this.permissions = permissions;
        this.runner = runner;
        this.conflicts = conflicts;
        this.meters = meters;
    }

    /** True for the messages this class answers. */
    public boolean handles(SyncMessage message) {
        return message instanceof SyncMessage.PermissionsRequest || message instanceof SyncMessage.CommandRun
                || message instanceof SyncMessage.ConflictsRequest || message instanceof SyncMessage.ConflictFetch;
    }

    public void onMessage(ClientSession session, Frame frame) {
        SyncMessage message = frame.message();
        if (message instanceof SyncMessage.PermissionsRequest request && agreed(session, Features.COMMANDS, request.id())) {
            sendPermissions(session, request.id());
        }
        else if (message instanceof SyncMessage.CommandRun run && agreed(session, Features.COMMANDS, run.id())) {
            if (run.problem() != null) {
                refuse(session, ErrorCode.BAD_FRAME, "COMMAND_RUN: " + run.problem(), run.id());
            }
            else {
                startRun(session, run);
            }
        }
        else if (message instanceof SyncMessage.ConflictsRequest request
                && agreed(session, Features.CONFLICT_VERSIONS, request.id())) {
            sendConflicts(session, request.id());
        }
        else if (message instanceof SyncMessage.ConflictFetch fetch && agreed(session, Features.CONFLICT_VERSIONS, fetch.id())) {
            if (fetch.problem() != null) {
                refuse(session, ErrorCode.BAD_FRAME, "CONFLICT_FETCH: " + fetch.problem(), fetch.id());
            }
            else {
                sendConflictContent(session, fetch);
            }
        }
    }

    /**
     * The grant check of a FOLDER_COMMAND that switches the active folder. When the client is not
     * granted it, the answer (FOLDERS with {@code code} NOT_ALLOWED and the reason) is sent here.
     */
    public boolean allowsSwitch(ClientSession session, SyncMessage.FolderCommand command, List<SyncMessage.FolderInfo> folders) {
        if (permissions.maySwitchFolder(session.clientId())) {
            return true;
        }
        meters.refused(ErrorCode.NOT_ALLOWED.name());
        session.send(new SyncMessage.Folders(command.id(), folders, permissions.refuseSwitch(session.clientId()),
                ErrorCode.NOT_ALLOWED.name()));
        return false;
    }

    private void sendPermissions(ClientSession session, String ref) {
        Map<String, Command> all = runner.commands();
        List<SyncMessage.CommandInfo> granted = permissions.commandsFor(session.clientId(), all.keySet()).stream()
                .map(name -> new SyncMessage.CommandInfo(name, all.get(name).description(),
                        all.get(name).timeout().toMillis()))
                .toList();
        session.send(Outgoing.of(new Frame(new SyncMessage.Permissions(ref, permissions.maySwitchFolder(session.clientId()),
                granted.size()), JsonContent.of(granted))));
    }

    private void startRun(ClientSession session, SyncMessage.CommandRun request) {
        String ref = request.id();
        try {
            runner.start(session.clientId(), request.name(), new RunListener() {
                @Override
                public void started(CommandRun run) {
                    session.send(new SyncMessage.CommandStarted(ref, run.command(), run.folder(),
                            run.startedAt().toEpochMilli()));
                }

                @Override
                public void output(CommandRun run, byte[] chunk) {
                    session.send(Outgoing.of(new Frame(new SyncMessage.CommandOutput(ref), Content.of(chunk))));
                }

                @Override
                public void finished(CommandRun run, RunResult result) {
                    session.send(new SyncMessage.CommandDone(ref, run.command(), result.outcome().wire(),
                            result.exitCode(), result.duration().toMillis(), result.outputBytes(), result.truncated(),
                            result.message()));
                }
            });
        }
        catch (CommandRefused refused) {
            // a permission refusal was logged (and counted) by Permissions already
            send(session, refused.code(), refused.getMessage(), ref);
            if (refused.code() != ErrorCode.NOT_ALLOWED) {
                log.info("refused a command run for client " + session.name() + ": " + refused.code() + " "
                        + refused.getMessage());
            }
        }
    }

    private void sendConflicts(ClientSession session, String ref) {
        List<SyncMessage.ConflictInfo> mine = conflicts.list().stream()
                .filter(record -> session.clientId().equals(record.origin()))
                .limit(MAX_LISTED_CONFLICTS)
                .map(r -> new SyncMessage.ConflictInfo(r.id(), r.folder(), r.path(), r.sha256(), r.mtime(), r.size(),
                        r.keptAt(), r.winner()))
                .toList();
        session.send(Outgoing.of(new Frame(new SyncMessage.Conflicts(ref, mine.size()), JsonContent.of(mine))));
    }

    private void sendConflictContent(ClientSession session, SyncMessage.ConflictFetch fetch) {
        ConflictRecord record = conflicts.get(fetch.conflictId()).orElse(null);
        if (record == null || !session.clientId().equals(record.origin())) {
            // another client's version is not this client's business: told apart from "unknown" for nobody
            refuse(session, ErrorCode.NOT_ALLOWED, "no kept version " + fetch.conflictId() + " came from client "
                    + session.clientId(), fetch.id());
            return;
        }
        Path file = conflicts.file(record);
        long size;
        try {
            size = Files.size(file);
        }
        catch (IOException e) {
            refuse(session, ErrorCode.INTERNAL, "the content of kept version " + record.id() + " is gone (pruned?)",
                    fetch.id());
            return;
        }
        session.send(Outgoing.of(new Frame(new SyncMessage.ConflictContent(fetch.id(), record.id(), record.sha256()),
                Content.ofFile(file, size, false))));
    }

    private boolean agreed(ClientSession session, String feature, String ref) {
        if (session.has(feature)) {
            return true;
        }
        refuse(session, ErrorCode.NOT_ALLOWED, "feature " + feature + " was not agreed in the handshake", ref);
        return false;
    }

    private void refuse(ClientSession session, ErrorCode code, String message, String ref) {
        log.warn("refused a request of client " + session.name() + ": " + code + " " + message);
        send(session, code, message, ref);
    }

    private void send(ClientSession session, ErrorCode code, String message, String ref) {
        meters.refused(code.name());
        session.send(SyncMessage.Error.of(code, message, ref));
    }
}
