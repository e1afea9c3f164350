package io.modomodo.trainer.web;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.modomodo.api.problem.ProblemType;
import io.modomodo.service.web.ServiceExceptionHandler;

/** Every error of this service leaves as RFC 9457 problem+json. */
@RestControllerAdvice
class TrainerServiceExceptionHandler extends ServiceExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TrainerServiceExceptionHandler.class);

    /** The database is down: say so at once (Hikari gives up after its short timeout) instead of a 500. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<Object> handleDatabaseDown(RuntimeException ex, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
        return respond(problem(ProblemType.SERVICE_UNAVAILABLE,
                "The job database is unavailable; retry later.", request));
    }
}
