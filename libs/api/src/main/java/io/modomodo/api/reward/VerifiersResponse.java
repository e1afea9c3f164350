package io.modomodo.api.reward;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verifiers and templates a reward-service offers.
 *
 * @param verifiers each verifier with its parameters
 * @param templates the response templates, the default first
 */
public record VerifiersResponse(List<VerifierInfo> verifiers, List<String> templates) {

    /**
     * One verifier.
     *
     * @param name        the name to use in {@code verifier}
     * @param description what it accepts
     * @param params      its parameters by name
     */
    public record VerifierInfo(String name, String description, Map<String, ParamInfo> params) {
    }

    /**
     * One parameter.
     *
     * @param type         JSON type
     * @param defaultValue the value used when absent ({@code null}: off)
     * @param description  what it changes
     */
    public record ParamInfo(String type,
            @JsonProperty("default") @JsonInclude(JsonInclude.Include.ALWAYS) Object defaultValue,
            String description) {
    }
}
