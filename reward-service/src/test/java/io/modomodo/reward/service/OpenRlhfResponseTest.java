package io.modomodo.reward.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the response is cut out of an OpenRLHF query. */
class OpenRlhfResponseTest {

    private static final String ANSWER = "<think>t</think><answer>4</answer>";

    @Test
    void removesThePromptEvenAfterLeftPadding() {
        assertThat(OpenRlhfLabels.response("Q?" + ANSWER, "Q?")).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("<|endoftext|><|endoftext|>Q?" + ANSWER, "Q?")).isEqualTo(ANSWER);
    }

    @Test
    void startsAfterTheLastAssistantHeaderWhenThePromptIsNotInTheQuery() {
        // the decoded query differs from the prompt (tokenizer round trip): fall back on the chat template
        assertThat(OpenRlhfLabels.response("<|im_start|>user\nHow  many?<|im_end|>\n<|im_start|>assistant\n" + ANSWER
                + "<|im_end|>", "<|im_start|>user\nHow many?<|im_end|>\n<|im_start|>assistant\n")).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("<|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n" + ANSWER + "<|eot_id|>", "other"))
                .isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("[INST] Q [/INST]" + ANSWER + "</s>", null)).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("<start_of_turn>user\nQ<end_of_turn>\n<start_of_turn>model\n" + ANSWER
                + "<end_of_turn>\n<eos>", "")).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("plain" + ANSWER, "not there")).isEqualTo("plain" + ANSWER);
    }

    @Test
    void dropsRepeatedEndMarkersWithWhitespaceBetween() {
        assertThat(OpenRlhfLabels.response("Q" + ANSWER + "<|im_end|>\n<|endoftext|><|endoftext|>  \n", "Q"))
                .isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("Q" + ANSWER + "<|end|>", "Q")).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("Q" + ANSWER + "<｜end▁of▁sentence｜>", "Q")).isEqualTo(ANSWER);
        assertThat(OpenRlhfLabels.response("Q" + ANSWER + "</s> x", "Q")).isEqualTo(ANSWER + "</s> x");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void staysLinearOnHostileQueriesAndPrompts() {
        // String.indexOf would compare ~10^11 chars here; the end marker repeats a million times
        String query = "a".repeat(1_000_000);
        String prompt = "a".repeat(400_000) + "b";
        assertThat(OpenRlhfLabels.response(query, prompt)).isEqualTo(query);
        assertThat(OpenRlhfLabels.response("Q" + "</s>".repeat(1_000_000), "Q")).isEmpty();
    }

    @Test
    void findsAPromptWhereIndexOfDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random, 30);
            String needle = randomText(random, 4);
            assertThat(OpenRlhfLabels.indexOf(text, needle)).as("%s in %s", needle, text)
                    .isEqualTo(text.indexOf(needle));
        }
    }

    private static String randomText(SplittableRandom random, int max) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(3)));
        }
        return s.toString();
    }
}
