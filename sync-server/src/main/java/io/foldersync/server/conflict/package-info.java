/** Losing versions of conflicts: kept outside the synchronised tree, listed, served back, pruned. */
package io.foldersync.server.conflict;
