package io.modomodo.policy.tokenizer;

import java.util.Map;

/**
 * Turns text into token ids and back. The policy needs only this contract, so a HuggingFace
 * {@code tokenizer.json} (through {@code ai.djl.huggingface:tokenizers}) can stand in for
 * {@link ByteTokenizer} when a real model is served.
 */
public interface Tokenizer {

    /** Number of distinct ids; every id returned by {@link #encode} is below it. */
    int vocabularySize();

    /** Encodes text without adding any special token. */
    int[] encode(String text);

    /**
     * Decodes ids to text. Control tokens (pad, bos, eos, image) are dropped; tokens that stand for
     * text (such as template tags) are written out.
     */
    String decode(int[] ids);

    /** Id used to pad batches; never predicted as content. */
    int padId();

    /** Id that starts every prompt. */
    int bosId();

    /** Id that ends a completion. */
    int eosId();

    /** Id that marks where the image goes in a template. */
    int imageId();

    /**
     * A description from which {@link Tokenizers#fromDescriptor} rebuilds an equal tokenizer; saved
     * in checkpoints beside the parameters.
     */
    Map<String, Object> descriptor();
}
