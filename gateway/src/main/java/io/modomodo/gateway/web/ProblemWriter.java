package io.modomodo.gateway.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.modomodo.api.problem.ApiExceptionHandler;
import io.modomodo.api.problem.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem from a servlet filter. Filters run before Spring MVC, so what they
 * throw never reaches the {@code @RestControllerAdvice}; they answer with this instead, in the same
 * shape: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, {@code requestId}.
 */
@Component
class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
            Map<String, Object> properties) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.uri().toString());
        problem.put("title", type.title());
        problem.put("status", type.status().value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        String requestId = request.getHeader(ApiExceptionHandler.REQUEST_ID_HEADER);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        problem.putAll(properties);
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
