/** The sync port's certificate: the operator's SSL bundle, or a self-signed one generated on first start and kept beside the state database. */
package io.foldersync.server.tls;
