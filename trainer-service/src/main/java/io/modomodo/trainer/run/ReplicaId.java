package io.modomodo.trainer.run;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** This replica's name as a lease owner: the host and a random suffix, so two replicas on one host differ. */
@Component
public class ReplicaId {

    private final String value;

    public ReplicaId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "trainer");
        this.value = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String value() {
        return value;
    }
}
