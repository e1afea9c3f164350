package io.modomodo.api.problem;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Why a request body could not be read, said in the API's words: which field, what was expected
 * ({@code weights.arith: expected a number}), or where the JSON broke. The parser's and binder's own
 * messages name Java types, methods and parser internals, so they are never passed on as they are.
 *
 * @param type the kind of problem: {@code malformed-body} when the body is not JSON (or missing),
 *        {@code invalid-request} when it is JSON with a value of the wrong shape, {@code limit-exceeded}
 *        when it is larger than a parser or body limit
 * @param field where in the body, as {@code items[3].answer}, or {@code body}; null when unknown
 * @param detail the sentence for the caller
 * @param limit the limit that was exceeded, for {@code limit-exceeded}
 */
record UnreadableBody(ProblemType type, String field, String detail, Long limit) {

    private static final int MAX_FIELD_LENGTH = 200;
    /** "Document nesting depth (1001) exceeds the maximum allowed (500, from `…`)". */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "^(.*?) \\(\\d+\\) exceeds the maximum (?:allowed )?\\((\\d+)");

    static UnreadableBody of(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException constraint) {
                return constraint(constraint);
            }
            if (cause instanceof InputCoercionException coercion) {
                return outOfRange(coercion);
            }
            if (cause instanceof UnexpectedEndOfInputException end) {
                return new UnreadableBody(ProblemType.MALFORMED_BODY, null,
                        "The request body is not valid JSON: it ends too early" + at(end.getLocation()) + ".", null);
            }
            if (cause instanceof StreamReadException syntax) {
                return new UnreadableBody(ProblemType.MALFORMED_BODY, null, "The request body is not valid JSON"
                        + at(syntax.getLocation()) + ": " + syntaxReason(syntax) + ".", null);
            }
            if (cause instanceof ValueInstantiationException instantiation) {
                String field = path(instantiation);
                Throwable reason = instantiation.getCause();
                String message = reason instanceof IllegalArgumentException && reason.getMessage() != null
                        ? Internals.scrub(reason.getMessage(), "the value is not valid") : "the value is not valid";
                return new UnreadableBody(ProblemType.INVALID_REQUEST, field,
                        (field == null ? "" : field + ": ") + message, null);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String field = path(mismatch);
                if (field == null) {
                    return new UnreadableBody(ProblemType.INVALID_REQUEST, null,
                            "The request body must be " + expected(mismatch.getTargetType()) + ".", null);
                }
                return new UnreadableBody(ProblemType.INVALID_REQUEST, field,
                        field + ": expected " + expected(mismatch.getTargetType()), null);
            }
        }
        if (ex.getCause() == null || ex.getCause() instanceof JacksonException == false) {
            // Spring's own message here is "Required request body is missing: <method signature>".
            return new UnreadableBody(ProblemType.MALFORMED_BODY, null,
                    "The request body is missing or empty: send a JSON object with Content-Type: application/json.",
                    null);
        }
        return new UnreadableBody(ProblemType.MALFORMED_BODY, null, "The request body could not be read as JSON.",
                null);
    }

    static UnreadableBody tooLarge(BodyTooLargeException ex) {
        return new UnreadableBody(ProblemType.LIMIT_EXCEEDED, "body",
                "The request body is larger than " + ex.limit() + " bytes.", ex.limit());
    }

    /** A JSON value larger than the parser allows (nesting, string, number or name length): 413. */
    private static UnreadableBody constraint(StreamConstraintsException ex) {
        String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        Matcher matcher = CONSTRAINT.matcher(message);
        if (matcher.find()) {
            String what = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
            long limit = Long.parseLong(matcher.group(2));
            return new UnreadableBody(ProblemType.LIMIT_EXCEEDED, "body",
                    "The request body is too large for this API: its " + what + " is at most " + limit + ".", limit);
        }
        return new UnreadableBody(ProblemType.LIMIT_EXCEEDED, "body",
                "The request body exceeds a size limit of this API's JSON reader.", null);
    }

    private static UnreadableBody outOfRange(InputCoercionException ex) {
        String field = path(ex);
        if (field == null) {
            field = pointer(ex.processor());
        }
        String range = ex.getTargetType() == null ? "its field" : expected(ex.getTargetType());
        return new UnreadableBody(ProblemType.INVALID_REQUEST, field,
                (field == null ? "A number" : field + ": the number") + " is out of range for " + range, null);
    }

    /** What a Java target type is in JSON terms. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == java.math.BigDecimal.class || type == Number.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Short.class || type == short.class
                || type == Byte.class || type == byte.class) {
            return "an integer";
        }
        if (type == Long.class || type == long.class || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(constant);
            }
            return "one of " + values;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a value of another type";
    }

    /** The parser's reason without its source excerpt or Java names; its first clause is plain JSON talk. */
    private static String syntaxReason(StreamReadException ex) {
        String message = ex.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "unexpected input";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return Internals.scrub(message, "unexpected input");
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Where in the body, as {@code items[1].score}; null when the binder did not say. */
    static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return cap(path.toString());
    }

    /** The parser's position as a field path, for errors the parser raises before the binder knows. */
    private static String pointer(JsonParser parser) {
        if (parser == null) {
            return null;
        }
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        if (pointer.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (segment.matches("\\d+")) {
                path.append('[').append(segment).append(']');
            }
            else {
                path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return cap(path.toString());
    }

    private static String cap(String field) {
        if (field == null || field.isEmpty()) {
            return null;
        }
        return field.length() > MAX_FIELD_LENGTH ? field.substring(0, MAX_FIELD_LENGTH) + "…" : field;
    }
}
