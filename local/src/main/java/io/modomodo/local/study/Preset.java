package io.modomodo.local.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study presets of the mixture-service ({@code "preset"} of an execution) and what the CLI adds
 * to each: the domains of the study and the base policy it starts from. The preset's training budget
 * (pilots, steps, evaluation sizes, seeds) is the mixture-service's to define.
 */
public enum Preset {

    /** Every phase runs, results mean nothing: for tests, a few minutes. */
    SMOKE(List.of("count", "attribute"), "smoke-base", 2, 4),
    /** Seed family plus space-filling pilots, quadratic surrogate, proposal vs uniform over 3 seeds. */
    QUICK(List.of("count", "attribute", "spatial"), "demo-base", null, null),
    /** The paper's protocol at this platform's scale: the five training domains. */
    PAPER(List.of("count", "ground", "attribute", "spatial", "arith"), "demo-base", null, null);

    private final List<String> domains;
    private final String policy;
    private final Integer warmStartSteps;
    private final Integer warmStartExamples;

    Preset(List<String> domains, String policy, Integer warmStartSteps, Integer warmStartExamples) {
        this.domains = domains;
        this.policy = policy;
        this.warmStartSteps = warmStartSteps;
        this.warmStartExamples = warmStartExamples;
    }

    /** The name the API uses: {@code smoke}, {@code quick}, {@code paper}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> domains() {
        return domains;
    }

    /** The base policy this preset trains from, created on first use and reused afterwards. */
    public String policy() {
        return policy;
    }

    /**
     * The body of {@code POST /api/v1/policies} for {@code name}. {@code smoke} asks for a token warm
     * start so the whole run stays short; the others take the trainer's tuned default.
     */
    public Map<String, Object> policyRequest(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("seed", 7);
        if (warmStartSteps != null) {
            body.put("warmStart", Map.of("steps", warmStartSteps, "examples", warmStartExamples));
        }
        return body;
    }

    /** The preset called {@code name}, case-insensitive. */
    public static Preset parse(String name) {
        for (Preset preset : values()) {
            if (preset.apiName().equalsIgnoreCase(name.trim())) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "': expected smoke, quick or paper");
    }
}
