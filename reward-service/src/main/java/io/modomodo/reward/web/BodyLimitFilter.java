package io.modomodo.reward.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.modomodo.api.problem.ProblemType;
import io.modomodo.reward.config.RewardProperties;

/**
 * Refuses bodies over {@code modomodo.reward.limits.max-body-bytes} before they are parsed: by
 * Content-Length when it is declared, else by counting bytes as they stream in (chunked bodies), which
 * aborts the parse with {@link BodyTooLargeException}, answered as 413.
 */
@Component
class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    BodyLimitFilter(RewardProperties properties) {
        this.maxBodyBytes = properties.limits().maxBodyBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The body is not read; close the connection rather than drain megabytes we will not use.
            response.setHeader("Connection", "close");
            response.getOutputStream().write(problem(request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new CountingRequest(request, maxBodyBytes), response);
    }

    private String problem(String path) {
        String instance = path.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"type\":\"" + ProblemType.LIMIT_EXCEEDED.uri() + "\",\"title\":\"" + ProblemType.LIMIT_EXCEEDED.title()
                + "\",\"status\":413,\"detail\":\"The request body is larger than " + maxBodyBytes
                + " bytes\",\"instance\":\"" + instance + "\",\"field\":\"body\",\"limit\":" + maxBodyBytes + "}";
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
