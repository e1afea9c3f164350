package io.modomodo.policy.tokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A HuggingFace {@code tokenizer.json} (BPE, WordPiece, WordLevel or Unigram) behind the platform's
 * {@link Tokenizer} contract, for real models whose vocabulary is not bytes. Encoding and decoding run
 * in the Rust {@code tokenizers} library that {@code ai.djl.huggingface:tokenizers} ships as a jar, so
 * nothing is downloaded. The vocabulary size and special-token ids are read from the JSON itself,
 * because the native binding does not expose them.
 *
 * <p>The whole {@code tokenizer.json} text goes into {@link #descriptor()}, so a checkpoint restores
 * the exact tokenizer it was trained with. The native handle is released by {@link #close()}.
 */
public final class HuggingFaceTokenizer implements Tokenizer, AutoCloseable {

    /** Type name written into {@link #descriptor()}. */
    public static final String TYPE = "huggingface";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;
    private final String tokenizerJson;
    private final SpecialTokens specialTokens;
    private final int vocabularySize;
    private final int padId;
    private final int bosId;
    private final int eosId;
    private final int imageId;

    /**
     * The tokens that play the four roles the policy needs; each must be in the tokenizer's
     * vocabulary or its {@code added_tokens}.
     */
    public record SpecialTokens(String pad, String bos, String eos, String image) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("pad", pad);
            map.put("bos", bos);
            map.put("eos", eos);
            map.put("image", image);
            return map;
        }
    }

    private HuggingFaceTokenizer(String tokenizerJson, SpecialTokens specialTokens) {
        JsonNode root;
        try {
            root = JSON.readTree(tokenizerJson);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("tokenizer.json is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        Map<String, Integer> ids = tokenIds(root);
        this.vocabularySize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        if (vocabularySize == 0) {
            throw new IllegalArgumentException("tokenizer.json has no vocabulary (model.vocab and added_tokens empty)");
        }
        this.padId = require(ids, specialTokens.pad(), "pad");
        this.bosId = require(ids, specialTokens.bos(), "bos");
        this.eosId = require(ids, specialTokens.eos(), "eos");
        this.imageId = require(ids, specialTokens.image(), "image");
        this.tokenizerJson = tokenizerJson;
        this.specialTokens = specialTokens;
        try {
            this.delegate = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
                    Map.of("addSpecialTokens", "false"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not load tokenizer.json", ex);
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("the tokenizers library refused tokenizer.json: " + ex.getMessage(), ex);
        }
    }

    /**
     * Loads a {@code tokenizer.json} file.
     *
     * @throws IllegalArgumentException when the file is not a tokenizer or a special token is unknown
     */
    public static HuggingFaceTokenizer load(Path tokenizerJson, SpecialTokens specialTokens) {
        try {
            return new HuggingFaceTokenizer(Files.readString(tokenizerJson, StandardCharsets.UTF_8), specialTokens);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not read " + tokenizerJson, ex);
        }
    }

    /** Builds a tokenizer from the text of a {@code tokenizer.json}. */
    public static HuggingFaceTokenizer fromJson(String tokenizerJson, SpecialTokens specialTokens) {
        return new HuggingFaceTokenizer(tokenizerJson, specialTokens);
    }

    static HuggingFaceTokenizer fromDescriptor(Map<String, ?> descriptor) {
        if (!(descriptor.get("tokenizerJson") instanceof String json)) {
            throw new IllegalArgumentException("tokenizer descriptor: tokenizerJson must be a string");
        }
        if (!(descriptor.get("specialTokens") instanceof Map<?, ?> specials)) {
            throw new IllegalArgumentException("tokenizer descriptor: specialTokens must be an object");
        }
        return new HuggingFaceTokenizer(json, new SpecialTokens(text(specials, "pad"), text(specials, "bos"),
                text(specials, "eos"), text(specials, "image")));
    }

    private static String text(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof String value)) {
            throw new IllegalArgumentException("tokenizer descriptor: specialTokens." + key + " must be a string");
        }
        return value;
    }

    /** Every token with its id: the model's vocabulary plus the added tokens. */
    private static Map<String, Integer> tokenIds(JsonNode root) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            // BPE, WordPiece, WordLevel: {"token": id, …}
            vocab.properties().forEach(entry -> ids.put(entry.getKey(), entry.getValue().asInt()));
        }
        else if (vocab.isArray()) {
            // Unigram: [["piece", score], …], the id is the position
            for (int id = 0; id < vocab.size(); id++) {
                ids.put(vocab.get(id).path(0).asString(), id);
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            ids.put(added.path("content").asString(), added.path("id").asInt());
        }
        return ids;
    }

    private static int require(Map<String, Integer> ids, String token, String role) {
        Integer id = token == null ? null : ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the " + role + " token " + token
                    + " is neither in the vocabulary nor in added_tokens of tokenizer.json");
        }
        return id;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public int[] encode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        long[] ids = delegate.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        // Only the four control roles are dropped: other special tokens (template tags) stand for text.
        long[] kept = java.util.Arrays.stream(ids)
                .filter(id -> id != padId && id != bosId && id != eosId && id != imageId)
                .filter(id -> id >= 0 && id < vocabularySize)
                .asLongStream()
                .toArray();
        return delegate.decode(kept, false);
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int imageId() {
        return imageId;
    }

    @Override
    public Map<String, Object> descriptor() {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("type", TYPE);
        descriptor.put("specialTokens", specialTokens.toMap());
        descriptor.put("tokenizerJson", tokenizerJson);
        return descriptor;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
