/**
 * What the gateway itself answers about the platform behind it: the readiness of every service, for the
 * web console and for operators who have only the gateway's address.
 */
package io.modomodo.gateway.platform;
