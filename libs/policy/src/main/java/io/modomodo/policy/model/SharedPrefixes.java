package io.modomodo.policy.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups rows by their prefix (image and prompt), so that each distinct prefix is run through the
 * model once: the G completions of one prompt in GRPO share it.
 *
 * @param images the distinct images, in order of first appearance
 * @param prompts the distinct prompts, aligned with {@code images}
 * @param prefixOfRow for every row, the index of its prefix
 */
public record SharedPrefixes(List<float[]> images, List<int[]> prompts, int[] prefixOfRow) {

    /** Finds the distinct (image, prompt) pairs by content. */
    public static SharedPrefixes of(List<float[]> images, List<int[]> prompts) {
        if (images.size() != prompts.size()) {
            throw new IllegalArgumentException("images and prompts must have the same size");
        }
        Map<Key, Integer> seen = new HashMap<>();
        List<float[]> uniqueImages = new ArrayList<>();
        List<int[]> uniquePrompts = new ArrayList<>();
        int[] prefixOfRow = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            Key key = new Key(images.get(i), prompts.get(i));
            Integer index = seen.get(key);
            if (index == null) {
                index = uniqueImages.size();
                seen.put(key, index);
                uniqueImages.add(images.get(i));
                uniquePrompts.add(prompts.get(i));
            }
            prefixOfRow[i] = index;
        }
        return new SharedPrefixes(List.copyOf(uniqueImages), List.copyOf(uniquePrompts), prefixOfRow);
    }

    /** Number of distinct prefixes. */
    public int size() {
        return images.size();
    }

    /** Length of the longest prompt. */
    public int promptLength() {
        return prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    }

    /** The prompts left-padded to {@link #promptLength()} with the given id. */
    public int[][] paddedPrompts(int padId) {
        int length = promptLength();
        int[][] tokens = new int[prompts.size()][length];
        for (int u = 0; u < prompts.size(); u++) {
            int[] prompt = prompts.get(u);
            Arrays.fill(tokens[u], padId);
            System.arraycopy(prompt, 0, tokens[u], length - prompt.length, prompt.length);
        }
        return tokens;
    }

    /** Which elements of {@link #paddedPrompts} are real tokens. */
    public boolean[][] promptValidity() {
        int length = promptLength();
        boolean[][] valid = new boolean[prompts.size()][length];
        for (int u = 0; u < prompts.size(); u++) {
            Arrays.fill(valid[u], length - prompts.get(u).length, length, true);
        }
        return valid;
    }

    private static final class Key {
        private final float[] image;
        private final int[] prompt;
        private final int hash;

        Key(float[] image, int[] prompt) {
            this.image = image;
            this.prompt = prompt;
            this.hash = 31 * Arrays.hashCode(image) + Arrays.hashCode(prompt);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash
                    && (image == that.image || Arrays.equals(image, that.image)) && Arrays.equals(prompt, that.prompt);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
