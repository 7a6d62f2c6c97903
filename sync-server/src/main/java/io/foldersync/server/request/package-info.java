/**
 * The protocol side of what a client asks beyond syncing (feature-negotiated extension messages):
 * its permissions, command runs, and the conflict versions the server kept that came from it.
 */
package io.foldersync.server.request;
