/** The file system side of sync: which files qualify, hashing, scanning, watching and atomic writes. */
package io.foldersync.files;
