/** HTTP concerns both sides share: the admin bearer token guarding everything but health and metrics. */
package io.foldersync.web;
