package io.modomodo.policy.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rebuilds tokenizers from the descriptors saved in checkpoints. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * The tokenizer a {@link Tokenizer#descriptor()} describes.
     *
     * @throws IllegalArgumentException when the type is unknown or the descriptor malformed
     */
    public static Tokenizer fromDescriptor(Map<String, ?> descriptor) {
        Object type = descriptor.get("type");
        if (ByteTokenizer.TYPE.equals(type)) {
            Object tags = descriptor.get("tags");
            if (!(tags instanceof List<?> list)) {
                throw new IllegalArgumentException("tokenizer descriptor: tags must be a list of strings");
            }
            List<String> names = new ArrayList<>();
            for (Object tag : list) {
                if (!(tag instanceof String name)) {
                    throw new IllegalArgumentException("tokenizer descriptor: tags must be a list of strings");
                }
                names.add(name);
            }
            return new ByteTokenizer(names);
        }
        if (HuggingFaceTokenizer.TYPE.equals(type)) {
            return HuggingFaceTokenizer.fromDescriptor(descriptor);
        }
        throw new IllegalArgumentException("tokenizer descriptor: unknown type " + type + " (known: "
                + ByteTokenizer.TYPE + ", " + HuggingFaceTokenizer.TYPE + ")");
    }
}
