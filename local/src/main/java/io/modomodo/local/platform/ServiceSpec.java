package io.modomodo.local.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the five services as the local platform runs it: its module (the jar is
 * {@code <module>/target/<module>-<version>.jar}, the very jar that is deployed), its port as an
 * offset from the port base, its heap, its database and whether it runs PyTorch.
 *
 * @param name the module and service name
 * @param portOffset the port is the port base plus this (8080 + offset by default, as deployed)
 * @param maxHeap the child's {@code -Xmx}
 * @param database the PostgreSQL database it owns, or {@code null}
 * @param pytorch whether it runs the PyTorch engine (then one intra-op thread: rollout and trainer share
 *        the cores of one machine)
 */
public record ServiceSpec(String name, int portOffset, String maxHeap, String database, boolean pytorch) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 0, "384m", null, false);
    public static final ServiceSpec ROLLOUT = new ServiceSpec("rollout-service", 1, "1536m", null, true);
    public static final ServiceSpec REWARD = new ServiceSpec("reward-service", 2, "384m", null, false);
    public static final ServiceSpec TRAINER = new ServiceSpec("trainer-service", 3, "2g", "trainer", true);
    public static final ServiceSpec MIXTURE = new ServiceSpec("mixture-service", 4, "512m", "mixture", false);

    /** Every service, in port order. */
    public static final List<ServiceSpec> ALL = List.of(GATEWAY, ROLLOUT, REWARD, TRAINER, MIXTURE);

    /** The project version the jars carry; the CLI jar is built from the same reactor. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    public int port(int portBase) {
        return portBase + portOffset;
    }

    public String jarPath() {
        return name + "/target/" + name + "-" + VERSION + ".jar";
    }

    public Optional<String> databaseName() {
        return Optional.ofNullable(database);
    }

    /** The service called {@code name} (module name, or without its {@code -service} suffix). */
    public static ServiceSpec named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ServiceSpec spec : ALL) {
            if (spec.name.equals(wanted) || spec.name.equals(wanted + "-service")) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "': expected one of "
                + ALL.stream().map(ServiceSpec::name).toList());
    }
}
