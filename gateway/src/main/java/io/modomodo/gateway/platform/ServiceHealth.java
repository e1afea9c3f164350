package io.modomodo.gateway.platform;

import java.util.Map;

/**
 * One service's readiness as the gateway saw it just now.
 *
 * @param status {@code UP}, {@code DOWN} (it answered, not ready) or {@code UNREACHABLE}
 * @param components each readiness component's status ({@code db}, {@code policyEngine}, …)
 * @param millis how long the service took to answer
 */
public record ServiceHealth(String name, String url, String status, Map<String, String> components, long millis) {
}
