package io.modomodo.trainer.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.djl.Device;
import io.modomodo.api.rollout.RolloutCompletion;
import io.modomodo.api.rollout.RolloutPrompt;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;
import io.modomodo.api.rollout.RolloutStats;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.RgbImages;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test-only stand-in for the rollout-service until its app lands: {@code POST /api/v1/rollouts} over HTTP, served
 * by the library's {@link Generator} from the shared checkpoint store, with the contract's request and response.
 */
public final class RolloutStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final PolicyStoreLayout layout;
    private final Map<String, LoadedCheckpoint> cache = new LinkedHashMap<>();

    public RolloutStub(PolicyStoreLayout layout) throws IOException {
        this.layout = layout;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/v1/rollouts", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try {
            RolloutRequest request = JSON.readValue(exchange.getRequestBody().readAllBytes(), RolloutRequest.class);
            byte[] body = JSON.writeValueAsBytes(rollout(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        catch (RuntimeException ex) {
            byte[] body = String.valueOf(ex).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private RolloutResponse rollout(RolloutRequest request) {
        long started = System.nanoTime();
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(layout.folder(request.policy().name()));
        long version = request.policy().version() == null ? store.latest().orElseThrow() : request.policy().version();
        String key = request.policy().name() + "@" + version;
        LoadedCheckpoint loaded = cache.computeIfAbsent(key, k -> store.load(version, Device.cpu()));
        if (cache.size() > 8) {
            var eldest = cache.entrySet().iterator().next();
            cache.remove(eldest.getKey()).close();
        }
        var policy = loaded.policy();
        int samples = request.samplesPerPrompt() == null ? 1 : request.samplesPerPrompt();
        List<GenerationInput> inputs = new ArrayList<>();
        long promptTokens = 0;
        for (RolloutPrompt prompt : request.prompts()) {
            float[] image = RgbImages.decode(Base64.getDecoder().decode(prompt.image()), policy.config().imageSize());
            int[] tokens = policy.encodePrompt(prompt.text());
            for (int s = 0; s < samples; s++) {
                inputs.add(new GenerationInput(image, tokens));
                promptTokens += tokens.length;
            }
        }
        var p = request.sampling();
        SamplingOptions options = new SamplingOptions(p.temperature(), p.topP(), p.maxNewTokens(), p.stop(),
                p.seed() == null ? 0 : p.seed(), true);
        List<Completion> completions = new Generator(policy).generate(inputs, options);
        List<RolloutCompletion> out = new ArrayList<>();
        long completionTokens = 0;
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            out.add(new RolloutCompletion(request.prompts().get(i / samples).id(), i % samples, c.text(), c.tokenIds(),
                    c.logProbs(), c.finishReason().name().toLowerCase(java.util.Locale.ROOT)));
            completionTokens += c.tokenIds().length;
        }
        return new RolloutResponse(version, out, new RolloutStats(promptTokens, completionTokens,
                (System.nanoTime() - started) / 1e9));
    }

    @Override
    public void close() {
        server.stop(0);
        cache.values().forEach(LoadedCheckpoint::close);
    }
}
