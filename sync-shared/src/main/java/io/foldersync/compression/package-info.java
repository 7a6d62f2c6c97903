/** Compression of content on the wire (zstd), with the rule for when it pays and hard bounds on what it may expand to. */
package io.foldersync.compression;
