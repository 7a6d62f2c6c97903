/** A full look at a folder: its bases and its disk (and the server's manifest) merged path by path, in one pass and flat memory. */
package io.foldersync.survey;
