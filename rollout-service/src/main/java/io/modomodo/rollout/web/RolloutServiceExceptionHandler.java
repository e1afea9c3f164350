package io.modomodo.rollout.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.modomodo.service.web.ServiceExceptionHandler;

/** Every error of this service leaves as RFC 9457 problem+json (429/503 with Retry-After, 413 over a limit). */
@RestControllerAdvice
class RolloutServiceExceptionHandler extends ServiceExceptionHandler {
}
