/**
 * Delta transfer: content-defined chunks (FastCDC), chunk lists, and recipes that rebuild a new
 * version from an old one ("copy these ranges of your base, insert these bytes"), verified by the
 * whole-file SHA-256.
 */
package io.foldersync.delta;
