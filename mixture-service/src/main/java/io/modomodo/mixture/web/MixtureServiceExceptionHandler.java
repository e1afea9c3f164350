package io.modomodo.mixture.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.modomodo.api.problem.ApiExceptionHandler;

/** Every error of this service leaves as RFC 9457 problem+json. */
@RestControllerAdvice
class MixtureServiceExceptionHandler extends ApiExceptionHandler {
}
