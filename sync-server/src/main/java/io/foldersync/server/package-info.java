/** The foldersync server: holds the predefined folders and pushes every change of the active one to its clients. */
package io.foldersync.server;
