package io.modomodo.service.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

import io.modomodo.api.problem.ApiExceptionHandler;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.problem.ProblemType;

/**
 * What a service's {@code @RestControllerAdvice} extends: the platform's problems
 * ({@link ApiExceptionHandler}) plus the answers of this module, a 413 for a body over
 * {@link RequestBodyLimitFilter}'s limit and a 429 / 503 with {@code Retry-After} for a
 * {@link RetryLaterException}. Library input errors arrive as {@code InvalidRequestException} through
 * {@link LibraryInput}, so they need no handler here.
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

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                HttpServletRequest servlet = request instanceof ServletWebRequest web ? web.getRequest() : null;
                return handleLimitExceeded(new LimitExceededException("body", tooLarge.limit(),
                        "The request body is larger than the limit of " + tooLarge.limit() + " bytes."), servlet);
            }
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }
}
