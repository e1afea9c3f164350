package io.modomodo.domains.sampler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The complete position of a {@link MixtureSampler}: its configuration and, per domain, a few counters.
 * A sampler resumed from it yields exactly the batches the original would have yielded next.
 *
 * @param version format version, currently 1
 * @param config the sampler configuration
 * @param batches batches drawn so far
 * @param domains per-domain position, keyed by domain, for every positive-weight domain
 */
public record SamplerState(int version, SamplerConfig config, long batches, Map<String, DomainPosition> domains) {

    /** Current format version. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Checks the components and copies the map (keeping its order). */
    public SamplerState {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(domains, "domains");
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported sampler state version " + version + " (expected "
                    + VERSION + ")");
        }
        if (batches < 0) {
            throw new IllegalArgumentException("batches must not be negative: " + batches);
        }
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /**
     * One domain's position.
     *
     * @param size the dataset size the position refers to
     * @param credit the carried remainder, in units of 1/{@link MixtureSampler#QUANTUM} items
     * @param pass completed passes over the dataset
     * @param offset items taken in the current pass
     * @param epochItems items drawn in the current sampler epoch
     * @param totalItems items drawn since the start
     */
    public record DomainPosition(long size, long credit, long pass, long offset, long epochItems, long totalItems) {
    }

    /** The state as a JSON document. */
    public String toJson() {
        return MAPPER.writeValueAsString(this);
    }

    /**
     * Reads a state written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not a valid state
     */
    public static SamplerState fromJson(String json) {
        try {
            SamplerState s = MAPPER.readValue(json, SamplerState.class);
            if (s == null) {
                throw new IllegalArgumentException("sampler state is empty");
            }
            return s;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid sampler state: " + e.getOriginalMessage(), e);
        }
    }
}
