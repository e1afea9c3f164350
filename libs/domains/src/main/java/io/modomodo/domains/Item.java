package io.modomodo.domains;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One verifiable multimodal problem, as the trainer and the reward-service see it.
 *
 * @param id unique id; built-in items use {@code domain/split/seed/index}
 * @param domain the domain (dataset) it belongs to, e.g. {@code count}
 * @param image the image
 * @param prompt the question (without the think-answer instruction; see {@link PromptTemplate})
 * @param answer the gold answer as the reward-service reads it ({@code [x1,y1,x2,y2]} for {@code iou})
 * @param verifier the reward-service verifier name (see {@link Verifiers})
 * @param params verifier params (JSON values: String, Number, Boolean, List, Map), never null
 */
public record Item(String id, String domain, ItemImage image, String prompt, String answer, String verifier,
                   Map<String, Object> params) {

    /** Checks that no component is null and makes params unmodifiable (keeping their order). */
    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(verifier, "verifier");
        params = params == null || params.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The prompt with the think-answer instruction, ready for the policy. */
    public String instructedPrompt() {
        return PromptTemplate.THINK_ANSWER.apply(prompt);
    }
}
