/** The client's side of TLS on the sync connection: no authority, an optional pin, the handshake deadline. */
package io.foldersync.client.tls;
