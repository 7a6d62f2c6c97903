package io.foldersync.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.foldersync.web.ApiErrors;

/** JSON errors for the REST endpoints of this package (the controllers themselves are scanned). */
@Configuration(proxyBeanMethods = false)
@Import(ApiErrors.class)
class ServerWebConfiguration {
}
