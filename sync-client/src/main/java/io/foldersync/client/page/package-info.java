/**
 * The client's web page: a login form taking the admin token once, then a session; the state of
 * the mirror at a glance, recent activity, files needing attention (with a diff and one action
 * each), the server's folders and the commands this client may run, all updated live.
 */
package io.foldersync.client.page;
