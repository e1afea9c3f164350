package io.modomodo.rewards;

/**
 * One parameter a verifier accepts in {@code params}.
 *
 * @param name         the key in {@code params}
 * @param type         JSON type: {@code number}, {@code boolean}, {@code object}, {@code array}
 * @param defaultValue value used when the key is absent ({@code null}: the feature is off)
 * @param description  what it changes
 */
public record VerifierParam(String name, String type, Object defaultValue, String description) {
}
