package io.modomodo.domains;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    private final PromptTemplate t = PromptTemplate.THINK_ANSWER;

    @Test
    void acceptsExactlyOneThinkThenOneAnswerBlock() {
        assertThat(t.isWellFormed("<think>3 circles</think><answer>3</answer>")).isTrue();
        assertThat(t.isWellFormed("  <think>a</think>\n <answer>B</answer>\n")).isTrue();
        assertThat(t.isWellFormed(t.response("x", "[1,2,3,4]"))).isTrue();
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(t.isWellFormed("<answer>3</answer>")).isFalse();
        assertThat(t.isWellFormed("<think>a</think>text<answer>3</answer>")).isFalse();
        assertThat(t.isWellFormed("<think>a</think><answer>3</answer>tail")).isFalse();
        assertThat(t.isWellFormed("<think>a</think><answer>3</answer><answer>4</answer>")).isFalse();
        assertThat(t.isWellFormed("<think><think>a</think><answer>3</answer>")).isFalse();
        assertThat(t.isWellFormed("<answer>3</answer><think>a</think>")).isFalse();
        assertThat(t.isWellFormed("3")).isFalse();
    }

    @Test
    void appendsTheInstructionToTheQuestion() {
        assertThat(t.apply("How many?")).isEqualTo("How many?" + t.instruction());
        assertThat(t.instruction()).contains("<think>").contains("<answer>");
    }
}
