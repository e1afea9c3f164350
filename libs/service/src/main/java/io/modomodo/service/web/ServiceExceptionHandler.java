package io.modomodo.service.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.modomodo.api.problem.ApiExceptionHandler;
import io.modomodo.api.problem.ProblemType;

/**
 * What a service's {@code @RestControllerAdvice} extends: the platform's problems
 * ({@link ApiExceptionHandler}, which also answers the body limit of {@code BodyLimitFilter}) plus a
 * 429 / 503 with the {@code Retry-After} the service chose for a {@link RetryLaterException}. Library
 * input errors arrive as {@code InvalidRequestException} through {@link LibraryInput}, so they need no
 * handler here.
 */
public abstract class ServiceExceptionHandler extends ApiExceptionHandler {

    @ExceptionHandler(RetryLaterException.class)
    public ResponseEntity<Object> handleRetryLater(RetryLaterException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(ex.busy() ? ProblemType.TOO_MANY_REQUESTS : ProblemType.SERVICE_UNAVAILABLE,
                ex.getMessage(), request);
        problem.setProperty("retryAfterSeconds", ex.retryAfterSeconds());
        ResponseEntity<Object> response = respond(problem);
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
                .body(response.getBody());
    }
}
