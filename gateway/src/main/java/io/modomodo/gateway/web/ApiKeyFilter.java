package io.modomodo.gateway.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.modomodo.api.problem.ProblemType;
import io.modomodo.gateway.service.ClientAccess;
import io.modomodo.gateway.service.ClientAccess.Admission;

/**
 * Guards {@code /api/v1/**}: the caller shows an API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}), is refused with 401 when it has none or a wrong one, and with 429 when
 * its client has spent its rate limit. Operational paths (actuator, API docs) stay open for probes and
 * Prometheus. The service behind the route sees the client's name as {@code X-Client-Name}, set here
 * only, and never the key. Runs after {@link RequestIdFilter}, so refusals quote the request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String CLIENT_NAME_HEADER = "X-Client-Name";
    static final String MDC_CLIENT = "client";

    private static final String BEARER = "bearer ";
    private static final String REALM = "Bearer realm=\"modomodo\"";

    private final ClientAccess access;
    private final ProblemWriter problems;

    ApiKeyFilter(ClientAccess access, ProblemWriter problems) {
        this.access = access;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The servlet path is decoded and normalised by the container ("/x/../api/v1", "//api/v1",
        // "/api;p=1/v1" all end up here as /api/v1), unlike the raw request URI.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String lower = path.toLowerCase(Locale.ROOT);
        return !(lower.equals("/api/v1") || lower.startsWith("/api/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Admission admission = access.admit(presentedKey(request));
        if (admission instanceof Admission.Allowed allowed) {
            request.setAttribute(AccessLogFilter.CLIENT_ATTRIBUTE,
                    allowed.client() == null ? "anonymous" : allowed.client());
            pass(request, response, chain, allowed.client());
        }
        else if (admission instanceof Admission.Unauthorized unauthorized) {
            request.setAttribute(AccessLogFilter.CLIENT_ATTRIBUTE, "unknown");
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                    unauthorized.keyGiven() ? REALM + ", error=\"invalid_token\"" : REALM);
            problems.write(request, response, ProblemType.UNAUTHORIZED, unauthorized.keyGiven()
                    ? "The API key is not valid."
                    : "An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
                    Map.of());
        }
        else if (admission instanceof Admission.Limited limited) {
            request.setAttribute(AccessLogFilter.CLIENT_ATTRIBUTE, limited.client());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
            problems.write(request, response, ProblemType.TOO_MANY_REQUESTS,
                    "Client '" + limited.client() + "' is over its rate limit of " + limited.requestsPerSecond()
                            + " requests per second (burst " + limited.burst() + "); retry after "
                            + limited.retryAfterSeconds() + " s.",
                    limitProperties(limited));
        }
    }

    private static Map<String, Object> limitProperties(Admission.Limited limited) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("client", limited.client());
        properties.put("retryAfterSeconds", limited.retryAfterSeconds());
        return properties;
    }

    private void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String client)
            throws ServletException, IOException {
        if (client == null) {
            // Open mode: the services must still never trust a caller-made client name.
            chain.doFilter(new AdjustedHeaders(request, null, false), response);
            return;
        }
        MDC.put(MDC_CLIENT, client);
        try {
            chain.doFilter(new AdjustedHeaders(request, client, true), response);
        }
        finally {
            MDC.remove(MDC_CLIENT);
        }
    }

    /** The key from {@code X-API-Key}, else from a Bearer {@code Authorization}; null when neither. */
    static String presentedKey(HttpServletRequest request) {
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.strip();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /**
     * The request as the route sees it: no caller-sent {@code X-Client-Name}, the authenticated one
     * instead, and (once a key was checked) no key headers, so the secret goes no further than here.
     */
    private static final class AdjustedHeaders extends HttpServletRequestWrapper {

        private static final Set<String> CREDENTIALS = Set.of(API_KEY_HEADER.toLowerCase(Locale.ROOT),
                HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT));

        private final String client;
        private final boolean stripCredentials;

        AdjustedHeaders(HttpServletRequest request, String client, boolean stripCredentials) {
            super(request);
            this.client = client;
            this.stripCredentials = stripCredentials;
        }

        private boolean hidden(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals("x-client-name") || (stripCredentials && CREDENTIALS.contains(lower));
        }

        @Override
        public String getHeader(String name) {
            if (CLIENT_NAME_HEADER.equalsIgnoreCase(name)) {
                return client;
            }
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (CLIENT_NAME_HEADER.equalsIgnoreCase(name)) {
                return Collections.enumeration(client == null ? List.of() : List.of(client));
            }
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!hidden(name)) {
                    names.add(name);
                }
            }
            if (client != null) {
                names.add(CLIENT_NAME_HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
