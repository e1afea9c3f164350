/**
 * The OpenAPI conventions every service's document follows: title and version, the gateway's API-key
 * scheme, and the problem responses each operation can give. Needs springdoc on the classpath (every
 * service has it); clients of {@code libs/api} never load this package.
 */
package io.modomodo.api.openapi;
