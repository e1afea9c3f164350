package io.modomodo.api.problem;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Refuses request bodies over a limit with 413 {@code limit-exceeded} naming the limit, before they
 * are parsed: by Content-Length when it is declared, else by counting bytes as they stream in (a
 * chunked body), which aborts the JSON read with {@link BodyTooLargeException}.
 * <p>
 * The refused body is read and thrown away up to {@link #DRAIN_CAP} bytes after the answer is sent:
 * a proxy such as the gateway writes the whole body before it reads the response, and would see a
 * reset connection, not the 413, if the service stopped reading half-way. Beyond the cap the
 * connection is closed instead. The problem itself is written by the service's
 * {@link ApiExceptionHandler}, reached through the {@code handlerExceptionResolver}.
 * <p>
 * Register it as a bean with the service's limit:
 * <pre>{@code
 * @Bean
 * BodyLimitFilter bodyLimitFilter(MyProperties p, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver r) {
 *     return new BodyLimitFilter(p.limits().maxBodyBytes(), r);
 * }
 * }</pre>
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    /** The most bytes of a refused body read and discarded so that a proxy sees the answer. */
    public static final long DRAIN_CAP = 64L * 1024 * 1024;

    private final long maxBodyBytes;
    private final HandlerExceptionResolver resolver;

    public BodyLimitFilter(long maxBodyBytes, HandlerExceptionResolver resolver) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.resolver = resolver;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
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
            if (declared > DRAIN_CAP) {
                response.setHeader("Connection", "close");
            }
            // Answer at once (with a Content-Length, so the caller knows the answer is whole), then read
            // what the caller still sends, so that a proxy writing it sees the answer.
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            resolver.resolveException(request, answer, null, new BodyTooLargeException(maxBodyBytes));
            answer.copyBodyToResponse();
            response.flushBuffer();
            if (declared <= DRAIN_CAP) {
                drain(request.getInputStream(), DRAIN_CAP);
            }
            return;
        }
        CountingRequest counting = new CountingRequest(request, maxBodyBytes);
        chain.doFilter(counting, response);
        if (counting.stream != null && counting.stream.exceeded) {
            drain(counting.stream.in, DRAIN_CAP);
        }
    }

    private static void drain(InputStream in, long cap) {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            int n;
            while (read < cap && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        }
        catch (IOException gone) {
            // The client went away: nothing left to drain.
        }
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {

        private final long limit;
        private CountingInputStream stream;

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
        private boolean exceeded;

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
                exceeded = true;
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
