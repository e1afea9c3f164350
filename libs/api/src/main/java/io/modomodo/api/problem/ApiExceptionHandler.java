package io.modomodo.api.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Base of every service's {@code @RestControllerAdvice}: turns the platform's problem exceptions and
 * Spring MVC's own into RFC 9457 problem details with a stable {@code type}, the request path as
 * {@code instance}, and never an internal message. A service extends it once and adds handlers for
 * its own domain exceptions.
 */
public abstract class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Header the gateway sets on every request; echoed into problems so a report can be traced. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<Object> handleInvalidRequest(InvalidRequestException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, ex.getMessage(), request);
        if (ex.field() != null) {
            problem.setProperty("field", ex.field());
        }
        return respond(problem);
    }

    @ExceptionHandler(LimitExceededException.class)
    public ResponseEntity<Object> handleLimitExceeded(LimitExceededException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(ProblemType.LIMIT_EXCEEDED, ex.getMessage(), request);
        problem.setProperty("field", ex.field());
        problem.setProperty("limit", ex.limit());
        return respond(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Object> handleNotFound(NotFoundException ex, HttpServletRequest request) {
        return respond(problem(ProblemType.NOT_FOUND, ex.getMessage(), request));
    }

    @ExceptionHandler(ConflictException.class)
    public ResponseEntity<Object> handleConflict(ConflictException ex, HttpServletRequest request) {
        return respond(problem(ProblemType.CONFLICT, ex.getMessage(), request));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex,
            HttpServletRequest request) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
                .toList();
        ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, describe(errors), request);
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    /** Last resort: log the cause, tell the caller only that it happened and how to refer to it. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(problem(ProblemType.INTERNAL, "An internal error occurred.", request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, describe(errors), servletRequest(request));
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // The parser's message names the position and the expected token, but can quote the body;
        // keep only its first line and cap it, so a hostile body is never echoed back in full.
        String field = jsonPath(ex);
        ProblemDetail problem = problem(ProblemType.MALFORMED_BODY,
                "The request body is not valid JSON for this endpoint: " + (field == null ? "" : field + ": ")
                        + summarise(ex), servletRequest(request));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return respond(problem);
    }

    /** Gives Spring MVC's own problems (405, 415, 404 on unknown paths, …) our type URIs and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ProblemType type = typeFor(statusCode);
            problem.setType(type.uri());
            if (problem.getTitle() == null) {
                problem.setTitle(type.title());
            }
            HttpServletRequest servletRequest = servletRequest(request);
            if (servletRequest != null) {
                problem.setInstance(URI.create(servletRequest.getRequestURI()));
                addRequestId(problem, servletRequest);
            }
        }
        return response;
    }

    protected ProblemDetail problem(ProblemType type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
            addRequestId(problem, request);
        }
        return problem;
    }

    protected ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ProblemType typeFor(HttpStatusCode status) {
        return switch (HttpStatus.resolve(status.value()) == null ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.resolve(status.value())) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> ProblemType.LIMIT_EXCEEDED;
            case CONFLICT -> ProblemType.CONFLICT;
            case SERVICE_UNAVAILABLE -> ProblemType.SERVICE_UNAVAILABLE;
            case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
            case TOO_MANY_REQUESTS -> ProblemType.TOO_MANY_REQUESTS;
            default -> status.is4xxClientError() ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
        };
    }

    private static void addRequestId(ProblemDetail problem, HttpServletRequest request) {
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId != null && !requestId.isBlank() && requestId.length() <= 128) {
            problem.setProperty("requestId", requestId);
        }
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    }

    private static String describe(List<Map<String, String>> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.get("field"), e.get("message")));
        StringBuilder detail = new StringBuilder();
        byField.forEach((field, message) -> {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(field).append(": ").append(message);
        });
        return detail.isEmpty() ? "The request is invalid." : detail.toString();
    }

    /**
     * Where in the body the parser gave up, as {@code items[3].answer}: a wrong type names its field
     * like every other invalid value. Null when the body is not JSON at all.
     */
    static String jsonPath(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException) {
                // Broken syntax: the position in the message says more than the enclosing field would.
                return null;
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
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
                String field = path.toString();
                return field.isEmpty() ? null : (field.length() > 200 ? field.substring(0, 200) + "…" : field);
            }
        }
        return null;
    }

    private static String summarise(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
