package io.modomodo.policy.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level UTF-8 tokenizer: ids 0–255 are the bytes, then pad, bos, eos and image, then one id per
 * template tag (by default {@code <think>}, {@code </think>}, {@code <answer>}, {@code </answer>}). A
 * tag is one token, so a small model learns the response template in a handful of steps instead of
 * spelling it byte by byte. Any string, including invalid surrogates, encodes; decoding replaces
 * malformed byte sequences with U+FFFD rather than failing, since a sampled completion may cut a
 * multi-byte character in half.
 */
public final class ByteTokenizer implements Tokenizer {

    /** Type name written into {@link #descriptor()}. */
    public static final String TYPE = "byte";

    /** The tags of the {@code <think>…</think><answer>…</answer>} response template. */
    public static final List<String> DEFAULT_TAGS = List.of("<think>", "</think>", "<answer>", "</answer>");

    private static final int BYTES = 256;

    private final List<String> tags;

    /** A tokenizer with the default template tags. */
    public ByteTokenizer() {
        this(DEFAULT_TAGS);
    }

    /**
     * A tokenizer with the given tags, each one token.
     *
     * @throws IllegalArgumentException when a tag is empty or repeated
     */
    public ByteTokenizer(List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isEmpty()) {
                throw new IllegalArgumentException("tags[" + i + "] must be a non-empty string");
            }
            if (tags.subList(0, i).contains(tag)) {
                throw new IllegalArgumentException("tags[" + i + "] repeats the tag " + tag);
            }
        }
        this.tags = List.copyOf(tags);
    }

    @Override
    public int vocabularySize() {
        return BYTES + 4 + tags.size();
    }

    @Override
    public int padId() {
        return BYTES;
    }

    @Override
    public int bosId() {
        return BYTES + 1;
    }

    @Override
    public int eosId() {
        return BYTES + 2;
    }

    @Override
    public int imageId() {
        return BYTES + 3;
    }

    /** The tags, in id order. */
    public List<String> tags() {
        return tags;
    }

    @Override
    public int[] encode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        int[] out = new int[Math.max(16, text.length() * 2)];
        int n = 0;
        int start = 0;
        int i = 0;
        while (i <= text.length()) {
            int tag = i < text.length() ? tagAt(text, i) : -1;
            if (tag >= 0 || i == text.length()) {
                byte[] bytes = text.substring(start, i).getBytes(StandardCharsets.UTF_8);
                out = ensure(out, n + bytes.length + 1);
                for (byte b : bytes) {
                    out[n++] = b & 0xff;
                }
                if (tag < 0) {
                    break;
                }
                out[n++] = BYTES + 4 + tag;
                i += tags.get(tag).length();
                start = i;
            }
            else {
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int tagAt(String text, int index) {
        // Longest match wins, so a tag that prefixes another (say "<a" and "<answer>") never shadows it.
        int best = -1;
        for (int t = 0; t < tags.size(); t++) {
            String tag = tags.get(t);
            if (text.startsWith(tag, index) && (best < 0 || tag.length() > tags.get(best).length())) {
                best = t;
            }
        }
        return best;
    }

    private static int[] ensure(int[] array, int size) {
        return size <= array.length ? array : java.util.Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= 0 && id < BYTES) {
                pending.write(id);
                continue;
            }
            text.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            int tag = id - BYTES - 4;
            if (tag >= 0 && tag < tags.size()) {
                text.append(tags.get(tag));
            }
            else if (id < 0 || id >= vocabularySize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                        + vocabularySize() + ")");
            }
        }
        text.append(pending.toString(StandardCharsets.UTF_8));
        return text.toString();
    }

    @Override
    public Map<String, Object> descriptor() {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("type", TYPE);
        descriptor.put("tags", tags);
        return descriptor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteTokenizer that && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return "ByteTokenizer" + tags;
    }
}
