package io.modomodo.trainer.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.modomodo.service.web.ServiceExceptionHandler;

/**
 * Every error of this service leaves as RFC 9457 problem+json; a database that is down answers 503 (the shared
 * handler), within Hikari's short connection timeout.
 */
@RestControllerAdvice
class TrainerServiceExceptionHandler extends ServiceExceptionHandler {
}
