package io.modomodo.reward.service;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.modomodo.api.problem.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** Reading OpenRLHF queries and labels. */
@Component
public class OpenRlhfLabels {

    /** End-of-sequence markers of common chat templates, dropped from the end of a response. */
    static final String[] END_MARKERS = {"<|im_end|>", "<|endoftext|>", "</s>", "<|eot_id|>", "<|end_of_text|>",
        "<|end|>", "<end_of_turn>", "<eos>", "<｜end▁of▁sentence｜>", "<|end▁of▁sentence|>"};

    /**
     * Headers that open the assistant's turn in common chat templates (ChatML/Qwen, Llama 3, Phi-3,
     * Gemma, DeepSeek, Llama 2/Mistral). When the prompt is not found in the query (the tokenizer
     * round trip changed it), the response starts after the last of them.
     */
    static final String[] ASSISTANT_HEADERS = {"<|im_start|>assistant", "<|start_header_id|>assistant<|end_header_id|>",
        "<|assistant|>", "<start_of_turn>model", "<｜Assistant｜>", "<|Assistant|>", "[/INST]"};

    private final ObjectMapper mapper;

    OpenRlhfLabels(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A label read: the gold answer, optional verifier and params, and whether it was an object. */
    record Label(Object answer, String verifier, Map<String, Object> params, boolean object) {
    }

    /** Reads label {@code i}: a plain gold answer, or an object (or the JSON text of one) with an {@code answer}. */
    Label read(Object label, int i) {
        Object value = label;
        if (label instanceof String text) {
            String trimmed = text.strip();
            if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
                try {
                    value = mapper.readValue(trimmed, Map.class);
                }
                catch (JacksonException ex) {
                    value = label; // not JSON: a plain answer that happens to start with a brace
                }
                if (value instanceof Map<?, ?> map && !map.containsKey("answer") && !map.containsKey("verifier")) {
                    value = label; // JSON, but not a label object: a plain answer such as {"a": 1}
                }
            }
        }
        if (value instanceof Map<?, ?> map && map.containsKey("answer")) {
            Object verifier = map.get("verifier");
            if (verifier != null && !(verifier instanceof String)) {
                String field = "labels[" + i + "].verifier";
                throw new InvalidRequestException(field, field + " must be a string");
            }
            Object params = map.get("params");
            if (params != null && !(params instanceof Map)) {
                String field = "labels[" + i + "].params";
                throw new InvalidRequestException(field, field + " must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) params;
            return new Label(map.get("answer"), (String) verifier, typed, true);
        }
        if (value instanceof Map<?, ?>) {
            String field = "labels[" + i + "].answer";
            throw new InvalidRequestException(field, "labels[" + i + "] is an object without an answer");
        }
        return new Label(label, null, null, false);
    }

    /**
     * First index of {@code needle} in {@code text}, or -1, in time linear in both (Knuth–Morris–Pratt):
     * {@link String#indexOf} is quadratic in the worst case, and query and prompt are client-controlled
     * and may each be megabytes long.
     */
    static int indexOf(String text, String needle) {
        int m = needle.length();
        if (m == 0 || m > text.length()) {
            return m == 0 ? 0 : -1;
        }
        int[] border = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == needle.charAt(k)) {
                k++;
            }
            if (k == m) {
                return i - m + 1;
            }
        }
        return -1;
    }

    /** The text after the last assistant header (and the line break after it), or the whole query without one. */
    static String afterAssistantHeader(String query) {
        int best = -1;
        int bestEnd = -1;
        for (String header : ASSISTANT_HEADERS) {
            int at = query.lastIndexOf(header);
            if (at > best) {
                best = at;
                bestEnd = at + header.length();
            }
        }
        if (best < 0) {
            return query;
        }
        int from = bestEnd;
        while (from < query.length() && (query.charAt(from) == '\n' || query.charAt(from) == '\r')) {
            from++;
        }
        return query.substring(from);
    }

    /**
     * The response inside a query: after its prompt (normally a prefix; left padding may precede it), or,
     * when the prompt is absent or not found, after the last assistant header; without trailing
     * end-of-sequence markers.
     */
    static String response(String query, String prompt) {
        String response;
        int at = prompt == null || prompt.isEmpty() ? -1
                : query.startsWith(prompt) ? 0 : indexOf(query, prompt);
        if (at >= 0) {
            response = query.substring(at + prompt.length());
        }
        else {
            response = afterAssistantHeader(query);
        }
        // Markers may repeat (padding) with whitespace between; move the end back, copy once.
        int cut = response.length();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            int end = cut;
            while (end > 0 && Character.isWhitespace(response.charAt(end - 1))) {
                end--;
            }
            for (String marker : END_MARKERS) {
                if (end >= marker.length() && response.startsWith(marker, end - marker.length())) {
                    cut = end - marker.length();
                    stripped = true;
                    break;
                }
            }
        }
        return cut == response.length() ? response : response.substring(0, cut);
    }
}
