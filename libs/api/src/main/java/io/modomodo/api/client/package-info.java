/**
 * HTTP interface clients ({@code @HttpExchange}) for the services, over the records of this module.
 * Build one with {@link ServiceClients}, or with Spring's {@code HttpServiceProxyFactory} over any
 * {@code RestClient}. Error responses surface as {@code RestClientResponseException}s whose body is the
 * service's problem+json.
 */
package io.modomodo.api.client;
