package io.modomodo.service.web;

import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modomodo.api.problem.InvalidRequestException;

/**
 * Calls into the libraries with values taken from a request, turning the {@link IllegalArgumentException}
 * by which they refuse bad input into an {@link InvalidRequestException} (a 400 problem) naming the
 * request field.
 *
 * <p>Only calls wrapped here are mapped: an {@code IllegalArgumentException} anywhere else is a bug and
 * stays a 500. That is the point: a service says, at the line where user input enters a library, which
 * request field the input came from, and a programming error is never dressed up as the caller's fault.
 *
 * <p>Library messages name their own parameter first ({@code "topP must be in (0, 1], got 2.0"}). Given a
 * map from parameter names to request fields ({@code topP → sampling.topP}), the problem names the
 * request field instead, in its {@code field} and at the start of its message.
 */
public final class LibraryInput {

    /** A leading parameter name, optionally followed by a colon, then a space. */
    private static final Pattern LEADING_NAME = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(:?\\s)");

    private LibraryInput() {
    }

    /**
     * Runs a library call on input from {@code field}.
     *
     * @throws InvalidRequestException naming {@code field} when the library refuses the input
     */
    public static <T> T check(String field, Supplier<T> call) {
        return check(field, Map.of(), call);
    }

    /**
     * Runs a library call on input from {@code field}, whose parameters map to request fields.
     *
     * @param field the request field the input came from, used when the message names no known parameter
     * @param fieldsByParameter library parameter name → request field
     * @throws InvalidRequestException naming the most precise field known
     */
    public static <T> T check(String field, Map<String, String> fieldsByParameter, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (IllegalArgumentException ex) {
            throw refused(field, fieldsByParameter, ex);
        }
    }

    /** Like {@link #check(String, Supplier)} for calls that return nothing. */
    public static void run(String field, Runnable call) {
        check(field, Map.of(), () -> {
            call.run();
            return null;
        });
    }

    /**
     * The problem for a library's refusal of input from {@code field}; for callers that must catch the
     * exception themselves (around a loop, say).
     */
    public static InvalidRequestException refused(String field, Map<String, String> fieldsByParameter,
            IllegalArgumentException ex) {
        String message = ex.getMessage() == null ? "is invalid" : ex.getMessage();
        Matcher matcher = LEADING_NAME.matcher(message);
        if (matcher.find()) {
            String mapped = fieldsByParameter.get(matcher.group(1));
            if (mapped != null) {
                return new InvalidRequestException(mapped, mapped + " " + message.substring(matcher.end()));
            }
        }
        return new InvalidRequestException(field, field + ": " + message);
    }
}
