package io.modomodo.api.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the platform reports. The {@link #uri()} is part of the public contract:
 * clients branch on it, so a kind is never renamed, only added.
 */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    LIMIT_EXCEEDED("limit-exceeded", HttpStatus.CONTENT_TOO_LARGE, "Limit exceeded"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests");

    /** Problem type URIs are identifiers, not links; they need not resolve. */
    public static final String BASE = "https://modomodo.io/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
