/** Who may call the platform through the gateway, and how often: API keys and per-client rate limits. */
package io.modomodo.gateway.service;
