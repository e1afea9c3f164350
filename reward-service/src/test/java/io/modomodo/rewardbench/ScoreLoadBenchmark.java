package io.modomodo.rewardbench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modomodo.reward.RewardServiceApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP load benchmark: {@code POST /api/v1/rewards/score} with batches of 256 mixed items (~300-character
 * responses, all six verifiers), against an echo of the same body on the same server. Alternates rounds
 * of both and reports the median throughput and their ratio.
 *
 * <p>Arguments: seconds per round (default 8), client threads (default 2), rounds (default 5).
 */
public final class ScoreLoadBenchmark {

    private static final int BATCH = 256;

    private ScoreLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RewardServiceApplication.class,
                EchoController.class).properties("server.port=0", "logging.level.root=WARN",
                        "spring.main.banner-mode=off").run()) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            byte[] body = JsonMapper.builder().build().writeValueAsBytes(batch());
            URI score = URI.create("http://localhost:" + port + "/api/v1/rewards/score");
            URI echo = URI.create("http://localhost:" + port + "/api/v1/bench/echo");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("body %d bytes, %d items; %d client threads, %d s per round, %d rounds%n", body.length,
                    BATCH, clients, seconds, rounds);
            run(client, score, body, clients, 5);
            run(client, echo, body, clients, 5);
            double[] scoreRates = new double[rounds];
            double[] echoRates = new double[rounds];
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                scoreRates[r] = run(client, score, body, clients, seconds);
                echoRates[r] = run(client, echo, body, clients, seconds);
                ratios[r] = scoreRates[r] / echoRates[r];
                System.out.printf("round %d: score %.1f req/s (%.0f items/s), echo %.1f req/s, ratio %.3f%n", r + 1,
                        scoreRates[r], scoreRates[r] * BATCH, echoRates[r], ratios[r]);
            }
            System.out.printf("median: score %.1f req/s = %.0f items/s; echo %.1f req/s; score/echo %.3f%n",
                    median(scoreRates), median(scoreRates) * BATCH, median(echoRates), median(ratios));
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            for (String uri : List.of("/api/v1/rewards/score", "/api/v1/bench/echo")) {
                Timer timer = meters.find("http.server.requests").tag("uri", uri).timer();
                if (timer != null) {
                    System.out.printf("server time %s: mean %.0f us over %d requests%n", uri,
                            timer.mean(TimeUnit.MICROSECONDS), timer.count());
                }
            }
            Timer batch = meters.find("modomodo.rewards.batch").tag("endpoint", "score").timer();
            System.out.printf("of which validate + score (modomodo.rewards.batch): mean %.0f us%n",
                    batch.mean(TimeUnit.MICROSECONDS));
        }
    }

    /** Requests per second completed by {@code clients} threads in {@code seconds}; every answer must be 200. */
    private static double run(HttpClient client, URI uri, byte[] body, int clients, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                counts.add(pool.submit(() -> {
                    int done = 0;
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    while (!stop.get()) {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(uri + " answered " + response.statusCode());
                        }
                        done++;
                    }
                    return done;
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** 256 items, the six verifiers in turn, right and wrong answers in the forms models write. */
    private static Map<String, Object> batch() {
        String[] verifiers = {"choice", "number", "yes_no", "exact", "iou", "math"};
        SplittableRandom random = new SplittableRandom(1);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String verifier = verifiers[i % verifiers.length];
            String[] pair = pair(verifier, random.nextInt(6));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", "q" + i);
            item.put("verifier", verifier);
            item.put("response", response(pair[1], random));
            item.put("answer", "iou".equals(verifier) ? List.of(10, 20, 110, 220) : pair[0]);
            items.add(item);
        }
        return Map.of("items", items);
    }

    private static String[] pair(String verifier, int k) {
        return switch (verifier) {
            case "choice" -> new String[] {"B", new String[] {"B", "(B)", "The answer is B", "B) blue", "C", "\\boxed{B}"}[k]};
            case "number" -> new String[] {"1200", new String[] {"1,200", "1200 apples", "x = 1200", "\\frac{2400}{2}",
                "There are 1200 red circles.", "1300"}[k]};
            case "yes_no" -> new String[] {"no", new String[] {"No", "no.", "No, it is not.", "Yes", "The answer is no.",
                "NO"}[k]};
            case "exact" -> new String[] {"New York", new String[] {"New York", "new york.", "\\text{New York}", "Boston",
                "  New   York ", "NEW YORK!"}[k]};
            case "iou" -> new String[] {"", new String[] {"[10, 20, 110, 220]", "{\"bbox_2d\": [12, 18, 108, 225]}",
                "The box is [60, 20, 160, 220].", "[110, 220, 10, 20]", "[0, 0, 50, 50]", "(10.5, 20.5, 110, 219)"}[k]};
            default -> new String[] {"\\frac{3\\sqrt{2}}{2}", new String[] {"\\frac{3\\sqrt{2}}{2}", "1.5\\sqrt{2}",
                "\\dfrac{3}{\\sqrt{2}}", "\\frac{3}{2}\\sqrt 2", "x = 3\\sqrt{2}", "\\sqrt{4.5}"}[k]};
        };
    }

    private static String response(String answer, SplittableRandom random) {
        String[] sentences = {"First, look at the image carefully and identify the relevant objects. ",
            "Then compare each option with what is visible in the scene. ",
            "Counting again confirms the earlier estimate, so the result is stable. ",
            "The question asks for a single value, which follows from the steps above. "};
        StringBuilder think = new StringBuilder("<think>");
        while (think.length() < 250) {
            think.append(sentences[random.nextInt(sentences.length)]);
        }
        think.setLength(250);
        return think.append("</think><answer>").append(answer).append("</answer>").toString();
    }
}
