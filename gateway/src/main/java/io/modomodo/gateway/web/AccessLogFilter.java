package io.modomodo.gateway.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, whatever became of it (routed, refused with 401 or 429, failed):
 * {@code GET /api/v1/studies 401 3 ms client=unknown}, with the request id in the line's MDC. Runs
 * inside {@link RequestIdFilter} and around {@link ApiKeyFilter}, so refusals are logged too. The query
 * string is left out: callers may put tokens there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AccessLogFilter extends OncePerRequestFilter {

    static final String CLIENT_ATTRIBUTE = AccessLogFilter.class.getName() + ".client";

    private static final Logger log = LoggerFactory.getLogger("io.modomodo.gateway.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        }
        finally {
            Object client = request.getAttribute(CLIENT_ATTRIBUTE);
            log.info("{} {} {} {} ms client={}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                    (System.nanoTime() - start) / 1_000_000, client == null ? "-" : client);
        }
    }
}
