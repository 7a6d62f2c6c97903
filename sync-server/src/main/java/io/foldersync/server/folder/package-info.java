/** The server's folders: which one is active, watching it, detecting changes and applying clients' edits. */
package io.foldersync.server.folder;
