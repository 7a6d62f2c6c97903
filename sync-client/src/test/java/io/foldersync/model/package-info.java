/** The randomised model test of the whole engine: random user actions on real servers and clients, then an oracle. */
package io.foldersync.model;
