/**
 * The client's side of what it may ask the server beyond syncing: its permissions, command runs
 * (output streamed back), and the conflict versions the server kept that came from this client.
 */
package io.foldersync.client.remote;
