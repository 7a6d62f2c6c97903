/** TLS on the sync port: the sockets, the protocol and cipher choice, the client's trust (none, or a pin) and certificate fingerprints. */
package io.foldersync.link.tls;
