/**
 * The web edge every service shares: library input errors turned into problems naming the request
 * field ({@link io.modomodo.service.web.LibraryInput}), id parsing ({@link io.modomodo.service.web.Ids}),
 * "retry later" answers ({@link io.modomodo.service.web.RetryLaterException}) and the exception handler
 * a service extends ({@link io.modomodo.service.web.ServiceExceptionHandler}). The body limit is
 * {@code io.modomodo.api.problem.BodyLimitFilter} in libs/api.
 */
package io.modomodo.service.web;
