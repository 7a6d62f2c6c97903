package io.foldersync.server.permission;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place that decides what a client may ask beyond syncing, and that counts and logs every
 * refusal ({@code foldersync_permission_denied_total{action}}). Grants are lists of client ids
 * from the configuration; {@code *} in a list grants every client. Nothing is granted by default.
 */
public class Permissions {

    private static final Log log = LogFactory.getLog(Permissions.class);

    /** In a grant list: every client. */
    public static final String EVERY_CLIENT = "*";

    public static final String SWITCH_FOLDER = "switch-folder";

    public static final String RUN_COMMAND = "run-command";

    private final List<String> switchFolder;

    private final Map<String, List<String>> commandClients;

    private final MeterRegistry meters;

    /**
     * @param switchFolder client ids granted the folder switch
     * @param commandClients for every configured command, the client ids granted it
     */
    public Permissions(List<String> switchFolder, Map<String, List<String>> commandClients, MeterRegistry meters) {
        this.switchFolder = List.copyOf(switchFolder);
        this.commandClients = Map.copyOf(commandClients);
        this.meters = meters;
        for (String action : new String[] { SWITCH_FOLDER, RUN_COMMAND }) {
            denied(action); // registered up front, so dashboards see 0 rather than nothing
        }
    }

    public boolean maySwitchFolder(String clientId) {
        return grants(switchFolder, clientId);
    }

    /** False for a command that is not configured, as for one not granted to this client. */
    public boolean mayRun(String clientId, String command) {
        List<String> clients = commandClients.get(command);
        return clients != null && grants(clients, clientId);
    }

    /** The configured commands this client may run, in the order given. */
    public List<String> commandsFor(String clientId, Collection<String> commands) {
        return commands.stream().filter(name -> mayRun(clientId, name)).toList();
    }

    /** Counts and logs a refusal; returns the message for the client, which names what to configure. */
    public String refuseSwitch(String clientId) {
        denied(SWITCH_FOLDER).increment();
        String message = "client " + clientId + " may not switch the active folder "
                + "(the server's foldersync.permissions.switch-folder does not list it)";
        log.warn("refused: " + message);
        return message;
    }

    /** Counts and logs a refused run; the message says whether the command is unknown or not granted. */
    public String refuseRun(String clientId, String command) {
        denied(RUN_COMMAND).increment();
        command = printable(command);
        String message = commandClients.containsKey(command)
                ? "client " + clientId + " may not run command " + command
                        + " (the server's foldersync.commands." + command + ".clients does not list it)"
                : "no command " + command + " is configured on the server (foldersync.commands.<name>)";
        log.warn("refused: " + message);
        return message;
    }

    /** Every client id named in a grant (the folder switch, each command), {@value #EVERY_CLIENT} included. */
    public List<String> grantedIds() {
        List<String> ids = new java.util.ArrayList<>(switchFolder);
        commandClients.values().forEach(ids::addAll);
        return ids;
    }

    /** A client-supplied name, made safe for a log line and a message: no control characters, bounded. */
    static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        String clean = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }

    private static boolean grants(List<String> granted, String clientId) {
        return clientId != null && (granted.contains(EVERY_CLIENT) || granted.contains(clientId));
    }

    private Counter denied(String action) {
        return Counter.builder("foldersync.permission.denied")
                .description("Requests beyond syncing refused because the client is not granted them, by action")
                .tag("action", action).register(meters);
    }
}
