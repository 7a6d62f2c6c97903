/** The local mirror: applying the server's changes, finding local edits, reconciling after (re)connects and folder switches. */
package io.foldersync.client.mirror;
