/** Settings both sides share, validated at start-up so a bad value stops the process with its name. */
package io.foldersync.config;
