/** The sync decision: pure functions of (last synced, this side, other side) to an action. No I/O, no clock. */
package io.foldersync.reconcile;
