package io.modomodo.gateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

import io.modomodo.api.problem.ApiExceptionHandler;
import io.modomodo.api.problem.BodyTooLargeException;
import io.modomodo.api.problem.ProblemType;

/** Every error of this service leaves as RFC 9457 problem+json. */
@RestControllerAdvice
class GatewayExceptionHandler extends ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    /**
     * The service behind the route is down, restarting or not answering: the caller did nothing wrong
     * and may retry, so this is a 503, not the 500 of a gateway bug.
     */
    @ExceptionHandler(ResourceAccessException.class)
    ResponseEntity<Object> handleServiceUnreachable(ResourceAccessException ex, HttpServletRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                // The body crossed the gateway's limit while it was being forwarded: the caller's doing.
                return handleBodyTooLarge(tooLarge, request);
            }
        }
        log.warn("Service behind {} {} unreachable: {}", request.getMethod(), request.getRequestURI(),
                ex.getMostSpecificCause().toString());
        return respond(problem(ProblemType.SERVICE_UNAVAILABLE,
                "The service behind this path is not reachable at the moment; retry later.", request));
    }
}
