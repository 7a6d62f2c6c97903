/** The client's HTTP side: the sync actuator endpoint and health, and folder commands forwarded to the server. */
package io.foldersync.client.web;
