/**
 * Acting on a decision without losing a concurrent edit: content is staged and flushed, the file
 * in the way is taken out atomically and verified against what the plan assumed, and only then is
 * the new content linked in; a journal makes every step recoverable after a power cut.
 */
package io.foldersync.apply;
