/** The sync protocol on the wire: frames, their codec, named limits, handshake and path checks. */
package io.foldersync.protocol;
