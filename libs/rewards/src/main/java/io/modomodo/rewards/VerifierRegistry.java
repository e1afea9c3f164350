package io.modomodo.rewards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modomodo.rewards.verifiers.ChoiceVerifier;
import io.modomodo.rewards.verifiers.ExactVerifier;
import io.modomodo.rewards.verifiers.IouVerifier;
import io.modomodo.rewards.verifiers.MathVerifier;
import io.modomodo.rewards.verifiers.NumberVerifier;
import io.modomodo.rewards.verifiers.YesNoVerifier;

/** Verifiers by name. Immutable once built, so it can be shared by every thread. */
public final class VerifierRegistry {

    private final Map<String, Verifier> byName;

    private VerifierRegistry(Map<String, Verifier> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The built-in verifiers: {@code choice}, {@code number}, {@code math}, {@code iou}, {@code yes_no}, {@code exact}. */
    public static VerifierRegistry standard() {
        return builder()
                .register(new ChoiceVerifier())
                .register(new NumberVerifier())
                .register(new MathVerifier())
                .register(new IouVerifier())
                .register(new YesNoVerifier())
                .register(new ExactVerifier())
                .build();
    }

    /** An empty builder, to compose a registry from chosen or custom verifiers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The verifier registered under {@code name}, if any. */
    public Optional<Verifier> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** Every verifier, in registration order. */
    public List<Verifier> all() {
        return new ArrayList<>(byName.values());
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Collects verifiers; a name may be registered once. */
    public static final class Builder {

        private final Map<String, Verifier> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a verifier; its {@link Verifier#name()} must be new. */
        public Builder register(Verifier verifier) {
            if (byName.putIfAbsent(verifier.name(), verifier) != null) {
                throw new IllegalArgumentException("A verifier named " + verifier.name() + " is already registered");
            }
            return this;
        }

        public VerifierRegistry build() {
            return new VerifierRegistry(byName);
        }
    }
}
