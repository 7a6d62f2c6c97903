/** The side-by-side benchmark of foldersync and rsync: options, sizes and the run that prints and records the table. */
package io.foldersync.bench;
