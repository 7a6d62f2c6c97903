/** Connected clients: one session per connection (handshake, queue, clock offset, counters), the registry and the protocol handler. */
package io.foldersync.server.session;
