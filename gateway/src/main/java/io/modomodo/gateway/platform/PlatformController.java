package io.modomodo.gateway.platform;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/platform")
class PlatformController {

    private final PlatformHealthService health;

    PlatformController(PlatformHealthService health) {
        this.health = health;
    }

    @GetMapping("/services")
    PlatformHealthResponse services() {
        return health.check();
    }
}
