package io.modomodo.policy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modomodo.policy.TinyModels;
import io.modomodo.policy.generate.DecodingSession.SessionCompletion;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import org.junit.jupiter.api.Test;

class DecodingSessionTest {

    private static final SamplingOptions OPTIONS = new SamplingOptions(1.0, 1.0, 7, List.of(), 0, true);

    private static List<GenerationInput> inputs(VisionLanguagePolicy policy) {
        String[] prompts = {"a", "what colour?", "xyz", "a longer prompt here", "b", "two words"};
        List<GenerationInput> inputs = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            inputs.add(new GenerationInput(TinyModels.noise(16, i), policy.encodePrompt(prompts[i])));
        }
        // A repeated prompt, as in a GRPO group: admitted together, prefilled once.
        inputs.add(inputs.get(1));
        return inputs;
    }

    /** Each input alone in a one-slot session, with seed 100 + index. */
    private static List<Completion> alone(Generator generator, List<GenerationInput> inputs) {
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            try (DecodingSession session = generator.openSession(1, 24, OPTIONS)) {
                session.submit(inputs.get(i), 100 + i);
                List<SessionCompletion> done = session.drain();
                assertThat(done).hasSize(1);
                out.add(done.get(0).completion());
            }
        }
        return out;
    }

    /**
     * Three slots, prompts arriving while others decode: rows enter at different steps, slots are
     * reused, and the cache's ring of new-token columns wraps around.
     */
    private static Map<Long, Completion> staggered(Generator generator, List<GenerationInput> inputs) {
        Map<Long, Completion> out = new HashMap<>();
        try (DecodingSession session = generator.openSession(3, 24, OPTIONS)) {
            int submitted = 0;
            int steps = 0;
            while (submitted < inputs.size() || !session.isIdle()) {
                if (submitted < inputs.size() && steps % 2 == 0) {
                    long ticket = session.submit(inputs.get(submitted), 100 + submitted);
                    assertThat(ticket).isEqualTo(submitted);
                    submitted++;
                }
                for (SessionCompletion done : session.step()) {
                    out.put(done.ticket(), done.completion());
                }
                assertThat(session.running()).isLessThanOrEqualTo(3);
                steps++;
            }
            // More steps than the ring holds (maxNewTokens - 1 = 6 columns), so it wrapped.
            assertThat(steps).isGreaterThan(2 * 6);
        }
        return out;
    }

    @Test
    void aRowsCompletionDoesNotDependOnWhichRowsShareTheBatch() {
        try (VisionLanguagePolicy policy = TinyModels.model(51)) {
            Generator generator = new Generator(policy);
            List<GenerationInput> inputs = inputs(policy);
            List<Completion> alone = alone(generator, inputs);
            Map<Long, Completion> shared = staggered(generator, inputs);
            assertThat(shared).hasSize(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                Completion expected = alone.get(i);
                Completion actual = shared.get((long) i);
                assertThat(actual.tokenIds()).as("row %d", i).isEqualTo(expected.tokenIds());
                assertThat(actual.text()).isEqualTo(expected.text());
                assertThat(actual.finishReason()).isEqualTo(expected.finishReason());
                for (int t = 0; t < expected.logProbs().length; t++) {
                    assertThat(actual.logProbs()[t]).isCloseTo(expected.logProbs()[t], within(1e-5f));
                }
            }
            // The two submissions of the same prompt with different seeds drew different completions.
            assertThat(shared.get(6L).tokenIds()).isNotEqualTo(shared.get(1L).tokenIds());
        }
    }

    @Test
    void logProbsOfAReusedSlotEqualTeacherForcedScores() {
        try (VisionLanguagePolicy policy = TinyModels.model(52)) {
            List<GenerationInput> inputs = inputs(policy);
            Map<Long, Completion> shared = staggered(new Generator(policy), inputs);
            List<PromptCompletion> rows = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                rows.add(new PromptCompletion(inputs.get(i).image(), inputs.get(i).promptTokens(),
                        shared.get((long) i).tokenIds()));
            }
            // Scored by a full forward pass without any cache: stale columns of a slot's earlier rows
            // would show here.
            List<float[]> scored = new Scorer(policy, 4).logProbs(rows, 1.0);
            for (int i = 0; i < rows.size(); i++) {
                float[] sampled = shared.get((long) i).logProbs();
                assertThat(scored.get(i)).hasSameSizeAs(sampled);
                for (int t = 0; t < sampled.length; t++) {
                    assertThat(scored.get(i)[t]).as("row %d token %d", i, t).isCloseTo(sampled[t], within(1e-4f));
                }
            }
        }
    }

    @Test
    void theSameSubmissionsGiveBitIdenticalCompletions() {
        try (VisionLanguagePolicy policy = TinyModels.model(53)) {
            Generator generator = new Generator(policy);
            List<GenerationInput> inputs = inputs(policy);
            Map<Long, Completion> first = staggered(generator, inputs);
            Map<Long, Completion> second = staggered(generator, inputs);
            for (long ticket : first.keySet()) {
                assertThat(second.get(ticket).tokenIds()).isEqualTo(first.get(ticket).tokenIds());
                assertThat(second.get(ticket).logProbs()).isEqualTo(first.get(ticket).logProbs());
            }
        }
    }

    @Test
    void aRowThatStopsEarlyFreesItsSlotForAWaitingPrompt() {
        try (VisionLanguagePolicy policy = TinyModels.model(54)) {
            Generator generator = new Generator(policy);
            List<GenerationInput> inputs = inputs(policy);
            // Stop on whatever the first row draws first, so that it ends after one token.
            String firstText;
            try (DecodingSession probe = generator.openSession(1, 24, OPTIONS)) {
                probe.submit(inputs.get(0), 5);
                firstText = policy.tokenizer().decode(new int[] {probe.drain().get(0).completion().tokenIds()[0]});
            }
            assertThat(firstText).as("seeded so that the first token is text").isNotEmpty();
            SamplingOptions stopping = OPTIONS.withStopStrings(List.of(firstText));
            try (DecodingSession session = generator.openSession(2, 24, stopping)) {
                session.submit(inputs.get(0), 5);
                session.submit(inputs.get(3), 6);
                session.submit(inputs.get(4), 7);
                assertThat(session.waiting()).isEqualTo(3);
                List<SessionCompletion> done = session.step();
                assertThat(done).extracting(SessionCompletion::ticket).containsExactly(0L);
                assertThat(done.get(0).completion().finishReason()).isEqualTo(FinishReason.STOP);
                assertThat(done.get(0).completion().tokenIds()).hasSize(1);
                assertThat(session.running()).isEqualTo(1);
                assertThat(session.waiting()).isEqualTo(1);
                session.step();
                // The freed slot took the waiting prompt at once, while row 1 is still decoding.
                assertThat(session.waiting()).isZero();
                List<SessionCompletion> rest = session.drain();
                assertThat(rest).extracting(SessionCompletion::ticket).contains(1L, 2L);
                assertThat(session.isIdle()).isTrue();
            }
        }
    }

    @Test
    void rejectsInputsThatDoNotFitAndUseAfterClose() {
        try (VisionLanguagePolicy policy = TinyModels.model(55)) {
            Generator generator = new Generator(policy);
            DecodingSession session = generator.openSession(2, 4, OPTIONS);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> session.submit(new GenerationInput(TinyModels.noise(16, 1),
                            policy.encodePrompt("too long")), 1))
                    .withMessageContaining("maxPromptTokens");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> session.submit(new GenerationInput(new float[5], policy.encodePrompt("a")), 1))
                    .withMessageContaining("image");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> session.submit(new GenerationInput(TinyModels.noise(16, 1), new int[] {9999}), 1))
                    .withMessageContaining("vocabulary");
            assertThat(session.isIdle()).isTrue();
            session.close();
            assertThatIllegalStateException().isThrownBy(session::step).withMessageContaining("closed");
            assertThatIllegalArgumentException().isThrownBy(() -> generator.openSession(0, 4, OPTIONS))
                    .withMessageContaining("slots");
            assertThatIllegalArgumentException().isThrownBy(() -> generator.openSession(2, 48, OPTIONS))
                    .withMessageContaining("maxPromptTokens");
        }
    }
}
