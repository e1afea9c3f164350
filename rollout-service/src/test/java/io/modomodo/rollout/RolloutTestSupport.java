package io.modomodo.rollout;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import ai.djl.Device;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny checkpoint store, images and an HTTP client for the rollout-service's integration tests. */
public final class RolloutTestSupport {

    /** 48 text positions: prompts of up to 47 tokens fit. */
    public static final int MAX_TEXT_LENGTH = 48;

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RolloutTestSupport() {
    }

    /**
     * A store with base policy {@code tiny} at versions 1 and 2 (different weights), written into a new
     * temporary folder.
     */
    public static Path tinyStore() {
        try {
            Path root = Files.createTempDirectory("rollout-store");
            DirectoryCheckpointStore store = new DirectoryCheckpointStore(new PolicyStoreLayout(root).folder("tiny"));
            for (long seed : new long[] { 11, 12 }) {
                PolicyConfig config = new PolicyConfig(new ByteTokenizer().vocabularySize(), 16, 4, 32, 1, 2, 64,
                        MAX_TEXT_LENGTH, 1e-5, 0.02, seed);
                try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, new ByteTokenizer(),
                        Device.cpu())) {
                    store.save(policy, null, Map.of("seed", String.valueOf(seed)));
                }
            }
            return root;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A base64 PNG of random pixels (large: noise does not compress). */
    public static String png(int side, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image);
    }

    /** A base64 PNG of one colour (small whatever its side). */
    public static String plainPng(int side) {
        return encode(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB));
    }

    private static String encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** A prompt as a JSON object. */
    public static Map<String, Object> prompt(String id, String image, String text) {
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("id", id);
        prompt.put("image", image);
        prompt.put("text", text);
        return prompt;
    }

    /** A request for {@code count} small prompts of policy tiny (latest). */
    public static Map<String, Object> request(int count, int samples, Map<String, Object> sampling) {
        List<Object> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prompts.add(prompt("p" + i, png(16, i), "What colour is shape " + i + "?"));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("policy", new LinkedHashMap<>(Map.of("name", "tiny")));
        request.put("prompts", prompts);
        request.put("samplesPerPrompt", samples);
        request.put("sampling", sampling);
        return request;
    }

    /** Sampling settings as a JSON object; null values are left out. */
    public static Map<String, Object> sampling(Double temperature, Integer maxNewTokens, Long seed) {
        Map<String, Object> sampling = new LinkedHashMap<>();
        if (temperature != null) {
            sampling.put("temperature", temperature);
        }
        if (maxNewTokens != null) {
            sampling.put("maxNewTokens", maxNewTokens);
        }
        sampling.put("stop", List.of());
        if (seed != null) {
            sampling.put("seed", seed);
        }
        return sampling;
    }

    /** POSTs JSON (an object, serialised, or a raw string) to the service. */
    public static HttpResponse<String> post(int port, String path, Object body) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** POSTs a rollout request. */
    public static HttpResponse<String> rollout(int port, Object body) {
        return post(port, "/api/v1/rollouts", body);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
