/** The benchmark's data: seeded text that looks like source code and prose, manifests of trees, and their comparison. */
package io.foldersync.bench.data;
