package io.modomodo.service.web;

import java.util.UUID;

import io.modomodo.api.problem.InvalidRequestException;

/** Parses ids taken from paths and query strings into 400 problems naming the parameter, not 500s. */
public final class Ids {

    private Ids() {
    }

    /**
     * A UUID in its canonical form ({@code 8-4-4-4-12} hex digits).
     *
     * @throws InvalidRequestException naming {@code field} otherwise
     */
    public static UUID uuid(String field, String value) {
        if (value == null || value.length() != 36) {
            throw new InvalidRequestException(field, field + " must be a UUID, got " + quote(value));
        }
        try {
            UUID parsed = UUID.fromString(value);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form is an id here.
            if (!parsed.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return parsed;
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException(field, field + " must be a UUID, got " + quote(value));
        }
    }

    /**
     * A whole number of at least 1 (a version, a step).
     *
     * @throws InvalidRequestException naming {@code field} otherwise
     */
    public static long positiveLong(String field, String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value == null ? "" : value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidRequestException(field, field + " must be a whole number, got " + quote(value));
        }
        if (parsed < 1) {
            throw new InvalidRequestException(field, field + " must be at least 1, got " + parsed);
        }
        return parsed;
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "'" + shown + "'";
    }
}
