package io.foldersync.protocol;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The optional capabilities named in {@code HELLO.features} and {@code WELCOME.features}. A
 * capability is used only when both sides list it; with none in common only the plain messages flow.
 */
public final class Features {

    /** PERMISSIONS_REQUEST/PERMISSIONS and COMMAND_RUN/STARTED/OUTPUT/DONE. */
    public static final String COMMANDS = "commands";

    /** CONFLICTS_REQUEST/CONFLICTS and CONFLICT_FETCH/CONFLICT_CONTENT. */
    public static final String CONFLICT_VERSIONS = "conflict-versions";

    /** FILE_UPDATE content as a delta recipe ({@code encoding: delta}), and the ERROR code DELTA_FAILED. */
    public static final String DELTA = "delta";

    /** FILE_UPDATE content compressed with zstd ({@code encoding: zstd}). */
    public static final String ZSTD = "zstd";

    /** What this implementation offers, in HELLO (client) and WELCOME (server). */
    public static final List<String> OFFERED = List.of(COMMANDS, CONFLICT_VERSIONS, DELTA, ZSTD);

    private Features() {
    }

    /** The features both this side and a peer listing {@code peer} (null: none) can use. */
    public static Set<String> agreed(List<String> peer) {
        Set<String> common = new LinkedHashSet<>();
        if (peer != null) {
            for (String feature : OFFERED) {
                if (peer.contains(feature)) {
                    common.add(feature);
                }
            }
        }
        return Set.copyOf(common);
    }
}
