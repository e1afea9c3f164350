package io.modomodo.api.problem;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
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
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Base of every service's {@code @RestControllerAdvice}: turns the platform's problem exceptions and
 * Spring MVC's own into RFC 9457 problem details with a stable {@code type}, the request path as
 * {@code instance}, and never an internal message. A service extends it once and adds handlers for
 * its own domain exceptions.
 */
public abstract class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Header the gateway sets on every request; echoed into problems so a report can be traced. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Retry-After of a 503 when the database or a dependency is down. */
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

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
        ProblemDetail problem = problem(ProblemType.CONFLICT, ex.getMessage(), request);
        if (ex.field() != null) {
            problem.setProperty("field", ex.field());
        }
        return respond(problem);
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
        if (isConnectionFailure(ex)) {
            return handleUnavailable(ex, request);
        }
        if (isUndecodableParameter(ex)) {
            return respond(problem(ProblemType.INVALID_REQUEST, "A query or form parameter could not be decoded: "
                    + "its percent-encoding is not valid UTF-8.", request));
        }
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
        UnreadableBody unreadable = UnreadableBody.of(ex);
        ProblemDetail problem = problem(unreadable.type(), unreadable.detail(), servletRequest(request));
        if (unreadable.field() != null) {
            problem.setProperty("field", unreadable.field());
        }
        if (unreadable.limit() != null) {
            problem.setProperty("limit", unreadable.limit());
        }
        return respond(problem);
    }

    /** A query or path parameter of the wrong type ({@code ?page=abc}) names the parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        String detail = (field == null ? "A parameter" : field) + ": expected "
                + UnreadableBody.expected(ex.getRequiredType());
        ProblemDetail problem = problem(ProblemType.INVALID_REQUEST, detail, servletRequest(request));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return respond(problem);
    }

    /** A body refused by its declared length, or that grew past the limit as it was read ({@link BodyLimitFilter}). */
    @ExceptionHandler(BodyTooLargeException.class)
    public ResponseEntity<Object> handleBodyTooLarge(BodyTooLargeException ex, HttpServletRequest request) {
        UnreadableBody tooLarge = UnreadableBody.tooLarge(ex);
        ProblemDetail problem = problem(tooLarge.type(), tooLarge.detail(), request);
        problem.setProperty("field", tooLarge.field());
        problem.setProperty("limit", tooLarge.limit());
        return respond(problem);
    }

    /**
     * The database (or another dependency) does not answer: 503 with {@code Retry-After}, soon, rather
     * than a 500 after the pool's default 30 s wait. How soon is set by the service's pool settings
     * (README, "Database outages"); this only maps what they raise.
     */
    @ExceptionHandler({ServiceUnavailableException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, TransientDataAccessResourceException.class,
            QueryTimeoutException.class})
    public ResponseEntity<Object> handleUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("Dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
                rootCause(ex).toString());
        return unavailable(request);
    }

    /** 503 {@code service-unavailable} with {@code Retry-After: }{@link #retryAfterSeconds()}. */
    protected ResponseEntity<Object> unavailable(HttpServletRequest request) {
        ProblemDetail problem = problem(ProblemType.SERVICE_UNAVAILABLE,
                "The service cannot reach its database or a service it depends on at the moment; retry after "
                        + retryAfterSeconds() + " s.", request);
        problem.setProperty("retryAfterSeconds", retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Seconds a caller should wait before retrying after a 503; a service may override it. */
    protected long retryAfterSeconds() {
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    /** Gives Spring MVC's own problems (405, 415, 404 on unknown paths, …) our type URIs, titles and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ProblemType type = typeFor(statusCode);
            problem.setType(type.uri());
            problem.setTitle(type.title());
            HttpServletRequest servletRequest = servletRequest(request);
            if (servletRequest != null) {
                if (ex instanceof NoResourceFoundException) {
                    // Spring says "No static resource …", which describes its internals, not this API.
                    problem.setDetail("There is no resource at " + servletRequest.getRequestURI()
                            + "; this service's paths are listed at /v3/api-docs.");
                }
                problem.setInstance(URI.create(servletRequest.getRequestURI()));
                addRequestId(problem, servletRequest);
            }
            problem.setDetail(Internals.scrub(problem.getDetail(), type.title() + "."));
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

    /** The problem as the response; a detail that would name the implementation is replaced first. */
    protected ResponseEntity<Object> respond(ProblemDetail problem) {
        ProblemType type = typeFor(HttpStatusCode.valueOf(problem.getStatus()));
        problem.setDetail(Internals.scrub(problem.getDetail(), type.title() + "."));
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
     * Whether a JDBC driver or pool said the database is unreachable: SQL state class 08 (connection
     * exception), 57P01–57P03 (PostgreSQL shutting down or starting), a transient connection error
     * such as the pool's timeout, or a refused connection, however the persistence layer wrapped it.
     */
    static boolean isConnectionFailure(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // Hikari's answer on a connection it has just evicted as broken (the rollback after the failed
            // statement hides the statement's own error).
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tomcat reads parameters lazily and throws when one is not valid UTF-8 ({@code ?page=%FF}); by
     * name, so that this class does not need Tomcat at run time.
     */
    static boolean isUndecodableParameter(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
