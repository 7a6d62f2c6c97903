/** What a connection may cost before it has authenticated: admission caps, the handshake deadline, small headers and no content, and contained faults. */
package io.foldersync.link.admission;
