/**
 * The Spring code every MoDoMoDo service shares, auto-configured when this module is on the classpath:
 * the PyTorch engine ({@link io.modomodo.service.engine}), loaded policy versions and their lifetimes
 * ({@link io.modomodo.service.policy}) and the web edge ({@link io.modomodo.service.web}). The libraries
 * under {@code libs/} stay free of Spring; this module is where they meet it.
 */
package io.modomodo.service;
