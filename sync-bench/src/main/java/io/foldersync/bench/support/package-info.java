/** Small helpers every part of the benchmark needs: bounded waits and the child processes' clean-up. */
package io.foldersync.bench.support;
