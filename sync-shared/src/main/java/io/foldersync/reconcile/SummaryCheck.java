package io.foldersync.reconcile;

/** What a client does with the server's periodic SUMMARY: ask for the manifest only when something differs. */
public final class SummaryCheck {

    public enum Action {
        IN_SYNC,
        REQUEST_MANIFEST
    }

    private SummaryCheck() {
    }

    /**
     * @param serverAgrees the server's digest equals the digest of this client's bases
     * @param diskAgrees every tracked file is on disk with its base content (or is a known ineligible file)
     * @param adopting the first reconcile after a folder switch has not completed yet
     */
    public static Action decide(boolean serverAgrees, boolean diskAgrees, boolean adopting) {
        return serverAgrees && diskAgrees && !adopting ? Action.IN_SYNC : Action.REQUEST_MANIFEST;
    }
}
