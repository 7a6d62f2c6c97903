/** A byte-counting TCP relay, so bytes on the wire are measured outside the programs being measured. */
package io.foldersync.bench.wire;
