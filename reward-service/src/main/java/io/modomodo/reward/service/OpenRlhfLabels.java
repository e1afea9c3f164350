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
    static final String[] END_MARKERS = {"<|im_end|>", "<|endoftext|>", "</s>", "<|eot_id|>", "<|end_of_text|>"};

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

    /** The response inside a query: without its prompt and without trailing end-of-sequence markers. */
    static String response(String query, String prompt) {
        String response = query;
        if (prompt != null && !prompt.isEmpty()) {
            if (query.startsWith(prompt)) {
                response = query.substring(prompt.length());
            }
            else {
                int at = query.indexOf(prompt);
                if (at >= 0) {
                    response = query.substring(at + prompt.length());
                }
            }
        }
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            int end = response.length();
            while (end > 0 && Character.isWhitespace(response.charAt(end - 1))) {
                end--;
            }
            for (String marker : END_MARKERS) {
                if (response.startsWith(marker, end - marker.length()) && end >= marker.length()) {
                    response = response.substring(0, end - marker.length());
                    stripped = true;
                    break;
                }
            }
        }
        return response;
    }
}
