package io.modomodo.local.study;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of the services' JSON: the CLI reads executions and reports as trees, so a field the
 * mixture-service adds or leaves out never breaks it.
 */
final class Json {

    private Json() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        String text = value.isString() ? value.stringValue() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    static OptionalLong number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.numberValue().longValue());
    }

    static OptionalDouble decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value.numberValue().doubleValue());
    }
}
