/** The foldersync client: mirrors the server's active folder into a local folder and sends back edits of existing files. */
package io.foldersync.client;
