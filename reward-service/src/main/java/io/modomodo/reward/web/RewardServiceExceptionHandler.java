package io.modomodo.reward.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

import io.modomodo.api.problem.ApiExceptionHandler;
import io.modomodo.api.problem.ProblemType;

/** Every error of this service leaves as RFC 9457 problem+json. */
@RestControllerAdvice
class RewardServiceExceptionHandler extends ApiExceptionHandler {

    /** A body cut off by the streaming size limit is a 413, not a malformed body. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                ProblemDetail problem = problem(ProblemType.LIMIT_EXCEEDED, tooLarge.getMessage(),
                        request instanceof ServletWebRequest servlet ? servlet.getRequest() : null);
                problem.setProperty("field", "body");
                problem.setProperty("limit", tooLarge.limit());
                return respond(problem);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }
}
