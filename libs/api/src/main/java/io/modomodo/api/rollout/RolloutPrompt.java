package io.modomodo.api.rollout;

/**
 * One prompt to sample completions for.
 *
 * @param id the caller's id, echoed as {@code promptId} on each completion
 * @param image the image as base64 PNG (or JPEG) or a {@code data:image/png;base64,…} URI
 * @param text the prompt text as the policy should read it (instructions included)
 */
public record RolloutPrompt(String id, String image, String text) {
}
