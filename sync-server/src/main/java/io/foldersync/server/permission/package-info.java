/** What a client may ask of the server beyond syncing (switch the active folder, run a command), granted per client id. */
package io.foldersync.server.permission;
