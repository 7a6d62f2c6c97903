/** foldersync's server and client driven from the outside: processes, their logs, HTTP endpoints and heap. */
package io.foldersync.bench.product;
