/** Figures, targets and verdicts, the printed table and the record appended to {@code bench/RESULTS.md}. */
package io.foldersync.bench.report;
