/** rsync as the yardstick: a daemon on loopback and timed client runs with their {@code --stats}. */
package io.foldersync.bench.rsync;
