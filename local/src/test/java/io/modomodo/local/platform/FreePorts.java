package io.modomodo.local.platform;

import java.util.concurrent.ThreadLocalRandom;

/** A random port base whose five ports (and a sixth for good measure) are free now: tests never use 8080–8084. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int portBase() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean free = true;
            for (int port = base; port <= base + 5 && free; port++) {
                free = PortCheck.isFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no six free consecutive ports found between 20000 and 30000");
    }
}
