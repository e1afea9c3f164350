package io.modomodo.api.problem;

/**
 * Something the service depends on (its database, a service it calls) does not answer; the caller did
 * nothing wrong and may retry. Answered as 503 {@code service-unavailable} with {@code Retry-After}.
 */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
