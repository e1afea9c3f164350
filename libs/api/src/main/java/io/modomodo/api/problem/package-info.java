/**
 * RFC 9457 problem details shared by every service: the stable problem {@code type} URIs, the
 * exceptions a service layer throws for bad input (they know nothing of HTTP), and the base
 * exception handler each service extends once.
 */
package io.modomodo.api.problem;
