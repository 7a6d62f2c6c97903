/** One peer connection's sending side: a bounded queue, a writer thread, heartbeats and counters. */
package io.foldersync.link;
