package io.modomodo.gateway.platform;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/platform/services}: every service behind the gateway, checked in parallel. */
public record PlatformHealthResponse(Instant checkedAt, List<ServiceHealth> services) {
}
