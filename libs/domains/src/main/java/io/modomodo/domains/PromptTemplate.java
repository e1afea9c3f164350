package io.modomodo.domains;

/**
 * The think-answer response template shared with the reward-service: a response is well formed when,
 * surrounding whitespace aside, it is exactly one {@code <think>…</think>} block, optional whitespace, then
 * exactly one {@code <answer>…</answer>} block.
 */
public final class PromptTemplate {

    /** The think-answer template with its instruction. */
    public static final PromptTemplate THINK_ANSWER = new PromptTemplate(
            " Think in <think></think>, then answer in <answer></answer>.");

    private final String instruction;

    private PromptTemplate(String instruction) {
        this.instruction = instruction;
    }

    /** The instruction appended to every question. */
    public String instruction() {
        return instruction;
    }

    /** The question followed by the instruction. */
    public String apply(String question) {
        return question + instruction;
    }

    /** A well-formed response with this reasoning and answer. */
    public String response(String think, String answer) {
        return "<think>" + think + "</think><answer>" + answer + "</answer>";
    }

    /** Whether a response is well formed (format reward 1 in the reward-service). */
    public boolean isWellFormed(String response) {
        String s = response.strip();
        if (!s.startsWith("<think>") || !s.endsWith("</answer>")) {
            return false;
        }
        if (count(s, "<think>") != 1 || count(s, "</think>") != 1
                || count(s, "<answer>") != 1 || count(s, "</answer>") != 1) {
            return false;
        }
        int thinkEnd = s.indexOf("</think>");
        int answerStart = s.indexOf("<answer>");
        return thinkEnd < answerStart && s.substring(thinkEnd + "</think>".length(), answerStart).isBlank();
    }

    private static int count(String s, String tag) {
        int n = 0;
        for (int i = s.indexOf(tag); i >= 0; i = s.indexOf(tag, i + 1)) {
            n++;
        }
        return n;
    }
}
