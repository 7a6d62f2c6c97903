/**
 * Server commands: defined only in the server's configuration ({@code foldersync.commands.<name>}),
 * run on a client's request in the active folder, one at a time, with a timeout and bounded output.
 */
package io.foldersync.server.command;
