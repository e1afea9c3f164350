package io.modomodo.deploy;

import java.util.Map;

/**
 * Variables the deployments set that Spring's binding does not read but the JVM, DJL or Spring Boot's
 * config-data loading does, with who reads them. Anything else must be a key of the service.
 */
final class ProcessVariables {

    static final Map<String, String> READ_BY_THE_PROCESS = Map.of(
            "JAVA_TOOL_OPTIONS", "the JVM",
            "DJL_CACHE_DIR", "DJL, where it extracts libtorch",
            "SPRING_CONFIG_ADDITIONALLOCATION", "Spring Boot's config-data loading (spring.config.additional-location)");

    private ProcessVariables() {
    }

    static boolean readBy(ServiceConfig service, String variable) {
        if (variable.equals("DJL_CACHE_DIR")) {
            return service.usesDjl();
        }
        return READ_BY_THE_PROCESS.containsKey(variable) || service.keys().readsVariable(variable);
    }
}
