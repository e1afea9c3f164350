package io.modomodo.policy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.EngineArrays;
import io.modomodo.policy.runtime.NoGradient;
import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * A small vision-language decoder: a patch embedding (convolution with stride = patch size) turns the
 * RGB image into {@link PolicyConfig#patchCount()} vectors, which precede the text tokens; learned
 * positions; a pre-LayerNorm causal transformer over [image patches | prompt | completion]; an output
 * head tied to the token embedding.
 *
 * <p>The model owns one long-lived {@link NDManager} holding only its parameters. Every method that
 * computes takes its inputs from a caller's scratch manager, and every operation keeps an activation
 * as its first operand, so intermediate arrays land in the scratch manager and never in the model's.
 *
 * <p>Text is laid out per row with a validity mask: padding may sit anywhere (left of a prompt in a
 * batch of uneven prompts, right of a completion); padded positions are never attended to, and a
 * valid token's position is the number of valid elements before it, so padding does not change what
 * a row computes.
 *
 * <p>Not thread-safe for training; concurrent inference on one instance is safe since parameters are
 * only read.
 */
public final class VisionLanguagePolicy implements AutoCloseable {

    /** Additive attention mask value: large enough that softmax gives exactly 0, finite so no NaN. */
    private static final float MASKED = DecodingSlots.MASKED;

    private final PolicyConfig config;
    private final Tokenizer tokenizer;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private VisionLanguagePolicy(PolicyConfig config, Tokenizer tokenizer, NDManager manager,
            Map<String, NDArray> parameters) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * A freshly initialised model (seeded by {@link PolicyConfig#seed()}) on the preferred device.
     *
     * @throws IllegalArgumentException when the tokenizer's vocabulary does not match the config
     */
    public static VisionLanguagePolicy initialize(PolicyConfig config, Tokenizer tokenizer) {
        return initialize(config, tokenizer, DjlRuntime.preferredDevice());
    }

    /** A freshly initialised model on the given device. */
    public static VisionLanguagePolicy initialize(PolicyConfig config, Tokenizer tokenizer, Device device) {
        return create(config, tokenizer, device, initialValues(config));
    }

    /**
     * A model with the given parameter values (name → row-major float data), as read from a checkpoint.
     *
     * @throws IllegalArgumentException when a parameter is missing, unknown or has the wrong size
     */
    public static VisionLanguagePolicy fromValues(PolicyConfig config, Tokenizer tokenizer, Device device,
            Map<String, float[]> values) {
        // Checked before the shapes: a config for another vocabulary would otherwise surface as a
        // puzzling embedding-size error.
        requireMatchingVocabulary(config, tokenizer);
        Map<String, Shape> shapes = shapes(config);
        for (String name : values.keySet()) {
            if (!shapes.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter " + name + " for this PolicyConfig");
            }
        }
        for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
            float[] data = values.get(entry.getKey());
            if (data == null) {
                throw new IllegalArgumentException("parameter " + entry.getKey() + " is missing");
            }
            if (data.length != entry.getValue().size()) {
                throw new IllegalArgumentException("parameter " + entry.getKey() + " has " + data.length
                        + " values, its shape " + entry.getValue() + " needs " + entry.getValue().size());
            }
        }
        return create(config, tokenizer, device, values);
    }

    private static void requireMatchingVocabulary(PolicyConfig config, Tokenizer tokenizer) {
        if (tokenizer.vocabularySize() != config.vocabularySize()) {
            throw new IllegalArgumentException("vocabularySize " + config.vocabularySize()
                    + " does not match the tokenizer's " + tokenizer.vocabularySize());
        }
    }

    private static VisionLanguagePolicy create(PolicyConfig config, Tokenizer tokenizer, Device device,
            Map<String, float[]> values) {
        requireMatchingVocabulary(config, tokenizer);
        DjlRuntime.requireOfflineNativeEngine();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> entry : shapes(config).entrySet()) {
                NDArray array = EngineArrays.owned(manager.create(values.get(entry.getKey()), entry.getValue()));
                array.setName(entry.getKey());
                parameters.put(entry.getKey(), array);
            }
            return new VisionLanguagePolicy(config, tokenizer, manager, parameters);
        }
        catch (RuntimeException ex) {
            manager.close();
            throw ex;
        }
    }

    /** Parameter names and shapes, in a fixed order. */
    static Map<String, Shape> shapes(PolicyConfig c) {
        int d = c.width();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("token_embedding", new Shape(c.vocabularySize(), d));
        shapes.put("patch_weight", new Shape(d, 3, c.patchSize(), c.patchSize()));
        shapes.put("patch_bias", new Shape(d));
        shapes.put("position_embedding", new Shape(c.positionCount(), d));
        for (int l = 0; l < c.depth(); l++) {
            String p = "block" + l + ".";
            shapes.put(p + "ln1_gamma", new Shape(d));
            shapes.put(p + "ln1_beta", new Shape(d));
            shapes.put(p + "qkv_weight", new Shape(3L * d, d));
            shapes.put(p + "qkv_bias", new Shape(3L * d));
            shapes.put(p + "proj_weight", new Shape(d, d));
            shapes.put(p + "proj_bias", new Shape(d));
            shapes.put(p + "ln2_gamma", new Shape(d));
            shapes.put(p + "ln2_beta", new Shape(d));
            shapes.put(p + "fc1_weight", new Shape(c.mlpWidth(), d));
            shapes.put(p + "fc1_bias", new Shape(c.mlpWidth()));
            shapes.put(p + "fc2_weight", new Shape(d, c.mlpWidth()));
            shapes.put(p + "fc2_bias", new Shape(d));
        }
        shapes.put("final_ln_gamma", new Shape(d));
        shapes.put("final_ln_beta", new Shape(d));
        return shapes;
    }

    private static Map<String, float[]> initialValues(PolicyConfig c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        // GPT-2: residual projections scaled by 1/sqrt(2·depth) so the residual stream's variance
        // does not grow with depth.
        double residualStd = c.initStd() / Math.sqrt(2.0 * c.depth());
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> entry : shapes(c).entrySet()) {
            String name = entry.getKey();
            float[] data = new float[(int) entry.getValue().size()];
            if (name.endsWith("gamma")) {
                java.util.Arrays.fill(data, 1f);
            }
            else if (name.endsWith("weight") || name.endsWith("embedding")) {
                double std = name.endsWith("proj_weight") || name.endsWith("fc2_weight") ? residualStd : c.initStd();
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextGaussian() * std);
                }
            }
            values.put(name, data);
        }
        return values;
    }

    /** This model's configuration. */
    public PolicyConfig config() {
        return config;
    }

    /** The tokenizer the model was built for. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The device the parameters live on. */
    public Device device() {
        return manager.getDevice();
    }

    /** The manager owning the parameters; scratch managers for computations are made from it. */
    public NDManager manager() {
        return manager;
    }

    /** The parameters by name, in a fixed order. Updated in place by optimizers. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Copies every parameter value to the heap, by name. */
    public Map<String, float[]> values() {
        Map<String, float[]> values = new LinkedHashMap<>();
        parameters.forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }

    /** An independent copy with the same values (for example a frozen reference policy). */
    public VisionLanguagePolicy copy() {
        return create(config, tokenizer, device(), values());
    }

    /** Overwrites every parameter with the values of another model of the same shape (seeds may differ). */
    public void loadValuesFrom(VisionLanguagePolicy other) {
        if (!other.config.withSeed(0).equals(config.withSeed(0))) {
            throw new IllegalArgumentException("cannot load values from a model of another config");
        }
        // An in-place write to a parameter that requires gradients is only legal with autograd off.
        NoGradient noGradient = NoGradient.enter();
        try {
            parameters.forEach((name, array) -> array.set(other.parameters.get(name).toFloatArray()));
        }
        finally {
            noGradient.close();
        }
    }

    /** Encodes a prompt as the model expects it: bos then the text. */
    public int[] encodePrompt(String text) {
        int[] body = tokenizer.encode(text);
        int[] ids = new int[body.length + 1];
        ids[0] = tokenizer.bosId();
        System.arraycopy(body, 0, ids, 1, body.length);
        return ids;
    }

    // ----------------------------------------------------------------------------------------------
    // Computation

    /**
     * Creates the image batch [B, 3, H, W] in the scratch manager from per-image CHW float data in
     * [0, 1] (as {@link RgbImages} produces).
     *
     * @throws IllegalArgumentException when an image has the wrong size
     */
    public NDArray images(NDManager scratch, List<float[]> chw) {
        int size = config.imageSize();
        int per = 3 * size * size;
        float[] data = new float[chw.size() * per];
        for (int i = 0; i < chw.size(); i++) {
            float[] image = chw.get(i);
            if (image == null || image.length != per) {
                throw new IllegalArgumentException("images[" + i + "] must hold 3×" + size + "×" + size + " = " + per
                        + " floats, got " + (image == null ? "null" : image.length));
            }
            System.arraycopy(image, 0, data, i * per, per);
        }
        return EngineArrays.owned(scratch.create(data, new Shape(chw.size(), 3, size, size)));
    }

    /**
     * Logits over the vocabulary at a range of sequence positions, by a full (uncached) forward pass
     * over [image patches | text]. The output at sequence position s predicts the element at s + 1;
     * text index t sits at sequence position {@code patchCount + t}.
     *
     * @param images [B, 3, H, W] floats in [0, 1]
     * @param tokens text token ids per row, all rows of the same length T (use any id under padding)
     * @param valid which text elements are real tokens
     * @param from first sequence position whose logits are returned
     * @param count number of positions returned
     * @return [B, count, V] float logits, in the scratch manager of {@code images}
     */
    public NDArray logits(NDArray images, int[][] tokens, boolean[][] valid, int from, int count) {
        NDArray hidden = hidden(images, tokens, valid, null);
        NDArray slice = hidden.get(new NDIndex(":, {}:{}", from, from + count));
        return head(slice);
    }

    /** Final layer norm and the tied output head over hidden states [..., d]. */
    NDArray head(NDArray hidden) {
        NDArray normed = LayerNorm.layerNorm(hidden, new Shape(config.width()), parameter("final_ln_gamma"),
                parameter("final_ln_beta"), (float) config.layerNormEpsilon()).singletonOrThrow();
        return Linear.linear(normed, parameter("token_embedding")).singletonOrThrow();
    }

    /**
     * Runs the prompt (image and text) through the model, fills a key/value cache and returns the state
     * from which {@link DecodingState#step} continues one token at a time. The cache is sized for as
     * many new tokens as the model's text length leaves after the prompt; prefer
     * {@link #prefill(NDManager, NDArray, int[][], boolean[][], int[], int)} with the number of tokens
     * actually wanted, which allocates only that.
     *
     * @param scratch the manager that will own the cache; close it (or the state) when done
     */
    public DecodingState prefill(NDManager scratch, NDArray images, int[][] tokens, boolean[][] valid) {
        int[] identity = new int[tokens.length];
        for (int b = 0; b < identity.length; b++) {
            identity[b] = b;
        }
        return prefill(scratch, images, tokens, valid, identity);
    }

    /**
     * Like {@link #prefill(NDManager, NDArray, int[][], boolean[][])} for rows that share prefixes: the
     * U distinct prefixes (image and prompt) are run once and row b continues prefix
     * {@code prefixOfRow[b]}, as when G completions are sampled per prompt.
     *
     * @param images [U, 3, H, W]
     * @param tokens U left-padded prompts (the last element of every prompt must be a real token)
     * @param prefixOfRow for each of the B rows to decode, the index of its prefix
     */
    public DecodingState prefill(NDManager scratch, NDArray images, int[][] tokens, boolean[][] valid,
            int[] prefixOfRow) {
        int promptLength = tokens.length == 0 ? 0 : tokens[0].length;
        return prefill(scratch, images, tokens, valid, prefixOfRow, Math.max(1, config.maxTextLength() - promptLength));
    }

    /**
     * Like {@link #prefill(NDManager, NDArray, int[][], boolean[][], int[])} with a cache allocated once
     * for {@code maxNewTokens} tokens fed after the prompt (see {@link DecodingSlots}): each step then
     * writes into it in place.
     *
     * @param maxNewTokens most {@link DecodingState#step steps} the state will take
     */
    public DecodingState prefill(NDManager scratch, NDArray images, int[][] tokens, boolean[][] valid,
            int[] prefixOfRow, int maxNewTokens) {
        int promptLength = tokens.length == 0 ? 0 : tokens[0].length;
        DecodingSlots slots = new DecodingSlots(this, scratch, prefixOfRow.length, Math.max(1, promptLength),
                maxNewTokens);
        try {
            int[] all = new int[prefixOfRow.length];
            for (int b = 0; b < all.length; b++) {
                all[b] = b;
            }
            NDArray logits = slots.admit(all, images, tokens, valid, prefixOfRow);
            logits.attach(scratch);
            return new DecodingState(slots, logits);
        }
        catch (RuntimeException ex) {
            slots.close();
            throw ex;
        }
    }

    /**
     * Empty decoding slots for continuous batching (see {@link DecodingSlots}): {@code slots} rows per
     * step, prompts of at most {@code maxPromptTokens} tokens, at most {@code maxNewTokens} tokens fed
     * per row. The cache is allocated here, once.
     *
     * @param scratch the manager whose sub-manager will own the cache; closing the slots frees it
     */
    public DecodingSlots decodingSlots(NDManager scratch, int slots, int maxPromptTokens, int maxNewTokens) {
        return new DecodingSlots(this, scratch, slots, maxPromptTokens, maxNewTokens);
    }

    /**
     * Teacher-forced logits for completions that continue shared prefixes: each distinct prefix (image
     * and prompt) runs once, and its keys and values are shared by every completion that continues it.
     * This is what makes a GRPO update cheap: the G completions of a prompt share its image patches and
     * prompt. Differentiable (gradients flow into the shared prefix once per prefix).
     *
     * @param images [U, 3, H, W] the distinct images
     * @param prompts U prompts, left-padded to one length (last element of each a real token)
     * @param promptValid which prompt elements are real
     * @param prefixOfRow for each of the B completions, the index of its prefix
     * @param completions B completions, right-padded to one length Lc (padding ids are ignored)
     * @param completionValid which completion elements are real (a prefix of each row)
     * @return [B, Lc, V] logits; entry k predicts completion token k
     */
    public NDArray completionLogits(NDArray images, int[][] prompts, boolean[][] promptValid, int[] prefixOfRow,
            int[][] completions, boolean[][] completionValid) {
        requireLastValid(prompts, promptValid);
        NDManager scratch = images.getManager();
        int batch = prefixOfRow.length;
        int completionLength = completions[0].length;
        int promptLength = prompts[0].length;
        if (promptLength + completionLength > config.maxTextLength()) {
            throw new IllegalArgumentException("prompt and completion of " + (promptLength + completionLength)
                    + " tokens exceed maxTextLength " + config.maxTextLength());
        }
        List<NDArray[]> prefixCache = new ArrayList<>();
        NDArray hidden = hidden(images, prompts, promptValid, prefixCache);
        int prefixLength = config.patchCount() + promptLength;
        NDArray index = scratch.create(prefixOfRow);
        NDArray first = gatherRows(hidden.get(new NDIndex(":, {}:{}", prefixLength - 1, prefixLength)), index);
        if (completionLength <= 1) {
            return head(first);
        }
        // Inputs are the completion tokens but the last: the output at token k predicts token k + 1.
        int inputs = completionLength - 1;
        int[] ids = new int[batch * inputs];
        int[] positions = new int[batch * inputs];
        int keyLength = prefixLength + inputs;
        float[] mask = new float[batch * inputs * keyLength];
        for (int b = 0; b < batch; b++) {
            int prefix = prefixOfRow[b];
            boolean[] prefixKeys = keyValidity(promptValid[prefix], 0);
            int start = count(promptValid[prefix]) + config.patchCount();
            for (int t = 0; t < inputs; t++) {
                boolean real = completionValid[b][t];
                int id = completions[b][t];
                if (real && (id < 0 || id >= config.vocabularySize())) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                            + config.vocabularySize() + ")");
                }
                ids[b * inputs + t] = real ? id : 0;
                positions[b * inputs + t] = Math.min(start + t, config.positionCount() - 1);
                int base = (b * inputs + t) * keyLength;
                for (int j = 0; j < prefixLength; j++) {
                    mask[base + j] = prefixKeys[j] ? 0f : MASKED;
                }
                for (int j = 0; j < inputs; j++) {
                    mask[base + prefixLength + j] = j <= t && completionValid[b][j] ? 0f : MASKED;
                }
            }
        }
        NDArray x = embed(scratch.create(ids, new Shape(batch, inputs)), "token_embedding")
                .add(embed(scratch.create(positions, new Shape(batch, inputs)), "position_embedding"));
        List<NDArray[]> past = new ArrayList<>();
        for (NDArray[] kv : prefixCache) {
            past.add(new NDArray[] {gatherRows(kv[0], index), gatherRows(kv[1], index)});
        }
        NDArray additive = EngineArrays.owned(scratch.create(mask, new Shape(batch, 1, inputs, keyLength)));
        NDArray rest = blocks(x, additive, past, null);
        return head(first.concat(rest, 1));
    }

    /** Rows of {@code array} [U, ...] picked by {@code index} [B], differentiably (an embedding lookup). */
    static NDArray gatherRows(NDArray array, NDArray index) {
        Shape shape = array.getShape();
        long[] out = shape.getShape().clone();
        out[0] = index.getShape().get(0);
        NDArray table = array.reshape(shape.get(0), shape.size() / shape.get(0));
        return Embedding.embedding(index, table, SparseFormat.DENSE).singletonOrThrow().reshape(new Shape(out));
    }

    static void requireLastValid(int[][] tokens, boolean[][] valid) {
        for (int b = 0; b < tokens.length; b++) {
            if (valid[b].length > 0 && !valid[b][valid[b].length - 1]) {
                throw new IllegalArgumentException("prompt " + b + " must be left-padded: its last element is padding");
            }
        }
    }

    NDArray hidden(NDArray images, int[][] tokens, boolean[][] valid, List<NDArray[]> keep) {
        NDManager scratch = images.getManager();
        int batch = tokens.length;
        if (images.getShape().get(0) != batch || valid.length != batch) {
            throw new IllegalArgumentException("images, tokens and valid must have the same batch size");
        }
        int textLength = tokens[0].length;
        if (textLength > config.maxTextLength()) {
            throw new IllegalArgumentException("text length " + textLength + " exceeds maxTextLength "
                    + config.maxTextLength());
        }
        int patches = config.patchCount();
        int length = patches + textLength;
        int[] ids = new int[batch * textLength];
        int[] positions = new int[batch * length];
        float[] mask = new float[batch * length * length];
        for (int b = 0; b < batch; b++) {
            if (tokens[b].length != textLength || valid[b].length != textLength) {
                throw new IllegalArgumentException("row " + b + " must hold " + textLength + " tokens");
            }
            int position = 0;
            boolean[] keys = keyValidity(valid[b], 0);
            for (int s = 0; s < length; s++) {
                positions[b * length + s] = Math.min(position, config.positionCount() - 1);
                if (keys[s]) {
                    position++;
                }
                int base = (b * length + s) * length;
                for (int j = 0; j < length; j++) {
                    mask[base + j] = j <= s && keys[j] ? 0f : MASKED;
                }
            }
            for (int t = 0; t < textLength; t++) {
                int id = tokens[b][t];
                if (valid[b][t] && (id < 0 || id >= config.vocabularySize())) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                            + config.vocabularySize() + ")");
                }
                ids[b * textLength + t] = valid[b][t] ? id : 0;
            }
        }
        NDArray patchesEmbedded = Conv2d.conv2d(images, parameter("patch_weight"), parameter("patch_bias"),
                new Shape(config.patchSize(), config.patchSize())).singletonOrThrow()
                .reshape(batch, config.width(), patches).transpose(0, 2, 1);
        NDArray x = patchesEmbedded;
        if (textLength > 0) {
            NDArray text = embed(scratch.create(ids, new Shape(batch, textLength)), "token_embedding");
            x = patchesEmbedded.concat(text, 1);
        }
        x = x.add(embed(scratch.create(positions, new Shape(batch, length)), "position_embedding"));
        NDArray additive = EngineArrays.owned(scratch.create(mask, new Shape(batch, 1, length, length)));
        return blocks(x, additive, null, keep);
    }

    /**
     * The transformer blocks. {@code past} (per layer {K, V} [B, H, S, dh]) is prepended to the keys
     * and values; {@code keep}, when given, receives per layer the full keys and values attended to.
     */
    NDArray blocks(NDArray x, NDArray mask, List<NDArray[]> past, List<NDArray[]> keep) {
        for (int l = 0; l < config.depth(); l++) {
            NDArray[] kv = new NDArray[2];
            x = block(l, x, mask, past == null ? null : past.get(l), kv);
            if (keep != null) {
                keep.add(kv);
            }
        }
        return x;
    }

    private NDArray block(int l, NDArray x, NDArray mask, NDArray[] past, NDArray[] kept) {
        String p = "block" + l + ".";
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int heads = config.heads();
        int headWidth = config.headWidth();
        float eps = (float) config.layerNormEpsilon();
        Shape norm = new Shape(config.width());

        NDArray h = LayerNorm.layerNorm(x, norm, parameter(p + "ln1_gamma"), parameter(p + "ln1_beta"), eps)
                .singletonOrThrow();
        NDArray qkv = Linear.linear(h, parameter(p + "qkv_weight"), parameter(p + "qkv_bias")).singletonOrThrow()
                .reshape(batch, length, 3, heads, headWidth).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        if (past != null) {
            k = past[0].concat(k, 2);
            v = past[1].concat(v, 2);
        }
        kept[0] = k;
        kept[1] = v;
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(1.0 / Math.sqrt(headWidth)).addi(mask);
        NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.width());
        x = x.add(Linear.linear(attended, parameter(p + "proj_weight"), parameter(p + "proj_bias")).singletonOrThrow());

        NDArray h2 = LayerNorm.layerNorm(x, norm, parameter(p + "ln2_gamma"), parameter(p + "ln2_beta"), eps)
                .singletonOrThrow();
        NDArray mlp = Activation.gelu(Linear.linear(h2, parameter(p + "fc1_weight"), parameter(p + "fc1_bias"))
                .singletonOrThrow());
        return x.add(Linear.linear(mlp, parameter(p + "fc2_weight"), parameter(p + "fc2_bias")).singletonOrThrow());
    }

    NDArray embed(NDArray ids, String table) {
        NDList out = Embedding.embedding(ids, parameter(table), SparseFormat.DENSE);
        return out.singletonOrThrow();
    }

    NDArray linear(NDArray input, String weight, String bias) {
        return Linear.linear(input, parameter(weight), parameter(bias)).singletonOrThrow();
    }

    NDArray layerNorm(NDArray input, String gamma, String beta) {
        return LayerNorm.layerNorm(input, new Shape(config.width()), parameter(gamma), parameter(beta),
                (float) config.layerNormEpsilon()).singletonOrThrow();
    }

    static NDArray gelu(NDArray input) {
        return Activation.gelu(input);
    }

    private NDArray parameter(String name) {
        return parameters.get(name);
    }

    /** Validity of every sequence element of a row: the patches, then the text mask, then {@code extra} new slots. */
    boolean[] keyValidity(boolean[] text, int extra) {
        int patches = config.patchCount();
        boolean[] keys = new boolean[patches + text.length + extra];
        java.util.Arrays.fill(keys, 0, patches, true);
        System.arraycopy(text, 0, keys, patches, text.length);
        return keys;
    }

    static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            if (flag) {
                n++;
            }
        }
        return n;
    }

    /** Releases the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    static DataType dataType() {
        return DataType.FLOAT32;
    }
}
