package io.modomodo.mixture.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.modomodo.api.problem.ApiExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;

/** Every error of this service leaves as RFC 9457 problem+json. */
@RestControllerAdvice
class MixtureServiceExceptionHandler extends ApiExceptionHandler {

    /** A query parameter of the wrong type ({@code ?page=abc}) names the parameter in {@code field}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleTypeMismatch(ex, headers, status, request);
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        if (response != null && response.getBody() instanceof ProblemDetail problem && field != null) {
            problem.setProperty("field", field);
        }
        return response;
    }

    /**
     * A number out of range for its field ({@code "seed": 1e40}) is reported by the parser, not the
     * binder, so the shared handler treats it as broken syntax and names no field; it is a wrong value
     * of a well-formed body, so name the field from the parser's position.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleHttpMessageNotReadable(ex, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("field"))) {
            String field = coercionField(ex);
            if (field != null) {
                problem.setProperty("field", field);
            }
        }
        return response;
    }

    private static String coercionField(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException coercion) {
                String path = referencePath(coercion);
                JsonParser parser = coercion.processor();
                if (path == null && parser != null) {
                    String pointer = parser.streamReadContext().pathAsPointer().toString();
                    path = pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
                }
                return path == null || path.isEmpty() ? null
                        : path.length() > 200 ? path.substring(0, 200) + "…" : path;
            }
        }
        return null;
    }

    private static String referencePath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
