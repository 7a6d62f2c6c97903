package io.foldersync.server.permission;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.foldersync.config.InvalidSettingException;
import io.foldersync.protocol.Handshake;

/**
 * Which secret each client proves in the handshake. By default every client proves the shared
 * {@code foldersync.token}, and a client id is only the name a client gives itself: anyone holding
 * the token could connect under the id of a client that was granted more (switching the folder,
 * running a command). A client listed in {@code foldersync.client-tokens} proves its own token
 * instead, and the shared one no longer opens a session under that id, so a grant to it is bound
 * to a secret only that client holds. Nothing changes on the wire or on the client, which simply
 * sets its own token as {@code foldersync.token}.
 */
public final class ClientTokens {

    private final Handshake shared;

    private final Map<String, Handshake> own = new LinkedHashMap<>();

    /**
     * @param sharedToken {@code foldersync.token}
     * @param clientTokens {@code foldersync.client-tokens}: client id to its own token (validated for
     *        length by the properties); a token equal to the shared one would bind nothing and is refused
     */
    public ClientTokens(String sharedToken, Map<String, String> clientTokens) {
        this.shared = new Handshake(sharedToken);
        clientTokens.forEach((clientId, token) -> {
            if (token.equals(sharedToken)) {
                throw new InvalidSettingException("foldersync.client-tokens." + clientId,
                        "must differ from foldersync.token: with the shared token any client could use this id");
            }
            own.put(clientId, new Handshake(token));
        });
    }

    /** The proofs a client announcing {@code clientId} in HELLO must give and gets. */
    public Handshake forClient(String clientId) {
        return own.getOrDefault(clientId, shared);
    }

    public boolean hasOwnToken(String clientId) {
        return own.containsKey(clientId);
    }

    public int ownTokens() {
        return own.size();
    }

    /**
     * The ids among {@code granted} that prove only the shared token, so that any holder of it could use
     * their grants ({@value Permissions#EVERY_CLIENT} is left out: it grants every client on purpose).
     */
    public List<String> unbound(Collection<String> granted) {
        return granted.stream().filter(id -> !Permissions.EVERY_CLIENT.equals(id) && !hasOwnToken(id)).distinct().sorted()
                .toList();
    }
}
