/**
 * What the client's sync engine reports for people to see: a bounded record of recent sync
 * events, fanned out live to subscribers (the web page), and the files that need attention
 * (local-only, not synchronised) with the reason. The engine feeds it through {@link SyncEvents}.
 */
package io.foldersync.client.activity;
