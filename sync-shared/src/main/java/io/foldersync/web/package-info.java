/** HTTP concerns both sides share: the admin bearer token guarding everything but health and metrics, and JSON errors. */
package io.foldersync.web;
