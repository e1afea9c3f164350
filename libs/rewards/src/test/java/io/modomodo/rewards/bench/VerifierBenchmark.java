package io.modomodo.rewards.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.RewardScorer;
import io.modomodo.rewards.Score;
import io.modomodo.rewards.Template;
import io.modomodo.rewards.Verifier;
import io.modomodo.rewards.VerifierRegistry;
import io.modomodo.rewards.Weights;

/**
 * Items scored per second on one thread, per verifier, on ~300-character think/answer responses in
 * the forms models write (right and wrong answers mixed). {@code score}: gold read once, then template
 * + extraction + verification per item; {@code prepareAndScore}: the gold is read per item too, as the
 * service does for every item of a request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifierBenchmark {

    private static final int ITEMS = 1024;

    @Param({"choice", "number", "yes_no", "exact", "iou", "math"})
    public String verifier;

    private Verifier v;
    private Object[] golds;
    private final Map<String, ?> params = Map.of();
    private GoldAnswer[] prepared;
    private String[] responses;
    private int next;

    @Setup
    public void setUp() {
        v = VerifierRegistry.standard().find(verifier).orElseThrow();
        golds = new Object[ITEMS];
        prepared = new GoldAnswer[ITEMS];
        responses = new String[ITEMS];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < ITEMS; i++) {
            String[] pair = item(verifier, random);
            golds[i] = "iou".equals(verifier) ? List.of(10, 20, 110, 220) : pair[0];
            responses[i] = response(pair[1], random);
            prepared[i] = v.prepare(golds[i], params);
        }
    }

    @Benchmark
    public Score score() {
        int i = next++ & (ITEMS - 1);
        return RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, prepared[i], responses[i]);
    }

    @Benchmark
    public Score prepareAndScore() {
        int i = next++ & (ITEMS - 1);
        return RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, v.prepare(golds[i], params),
                responses[i]);
    }

    /** A gold answer and the answer text a model wrote for it. */
    static String[] item(String verifier, SplittableRandom random) {
        int k = random.nextInt(6);
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
            case "math" -> new String[] {"\\frac{3\\sqrt{2}}{2}", new String[] {"\\frac{3\\sqrt{2}}{2}", "1.5\\sqrt{2}",
                "\\dfrac{3}{\\sqrt{2}}", "\\frac{3}{2}\\sqrt 2", "x = 3\\sqrt{2}", "\\sqrt{4.5}"}[k]};
            default -> throw new IllegalArgumentException(verifier);
        };
    }

    /** A ~300-character response: a think block of reasoning, then the answer block. */
    static String response(String answer, SplittableRandom random) {
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
