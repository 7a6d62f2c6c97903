/** The cases of issue 8, each measured on foldersync and on rsync with the same data. */
package io.foldersync.bench.cases;
