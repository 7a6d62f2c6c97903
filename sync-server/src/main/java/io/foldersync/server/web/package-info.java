/** The server's HTTP side: the sync actuator endpoint and health, folder switching and kept conflict versions. */
package io.foldersync.server.web;
