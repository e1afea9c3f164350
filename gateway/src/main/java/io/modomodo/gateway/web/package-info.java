/** The gateway's HTTP edge: request ids, API keys and rate limits, and problem responses. */
package io.modomodo.gateway.web;
