/** The foldersync.* Micrometer meters (Prometheus foldersync_*), the same names on both sides. */
package io.foldersync.metrics;
