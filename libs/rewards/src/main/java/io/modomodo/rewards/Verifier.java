package io.modomodo.rewards;

import java.util.List;
import java.util.Map;

/**
 * Checks answers of one kind (a multiple-choice letter, a number, a box, …). Implementations are
 * stateless and thread-safe; reading a gold answer once and checking many answers against it is the
 * intended use. Adding a verifier is writing a class and registering it in a {@link VerifierRegistry}.
 */
public interface Verifier {

    /** The name callers use to select this verifier ({@code choice}, {@code number}, …). */
    String name();

    /** One sentence on what it accepts. */
    String description();

    /** The parameters it reads from {@code params}, with their defaults. */
    List<VerifierParam> params();

    /**
     * Reads a gold answer with this verifier's reader and binds the parameters.
     *
     * @param gold   a {@link String}, or for verifiers that accept structured gold (boxes) a
     *               {@link java.util.List} of numbers
     * @param params parameters by name (numbers, booleans, strings, lists, maps); unknown keys are
     *               ignored, {@code null} means none
     * @throws VerifierInputException when the gold answer cannot be read or a parameter is invalid
     */
    GoldAnswer prepare(Object gold, Map<String, ?> params);
}
