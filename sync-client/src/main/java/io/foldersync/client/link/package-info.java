/** The client's connection to its server: connecting with backoff, the handshake, and routing frames to the mirror. */
package io.foldersync.client.link;
