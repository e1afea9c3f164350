/** The gateway's own logic with no Spring in it: the token bucket behind per-client rate limits. */
package io.modomodo.gateway.domain;
