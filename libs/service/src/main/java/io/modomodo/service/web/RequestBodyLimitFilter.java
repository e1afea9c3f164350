package io.modomodo.service.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at a number of bytes, declared ({@code Content-Length}) or streamed (chunked).
 * The limit is enforced where the body is read: the first read of a body declared too large, or the read
 * that crosses the limit, throws {@link RequestBodyTooLargeException}, which the service's
 * {@link ServiceExceptionHandler} answers with a 413 problem stating the limit. No more than the limit
 * is ever buffered.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    /** @param maxBytes largest accepted body, at least 1 */
    public RequestBodyLimitFilter(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The limit in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes, getContentLengthLong() > maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private final boolean declaredTooLarge;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes, boolean declaredTooLarge) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(0);
            // Never read further than one byte past the limit: enough to know it was crossed.
            int allowed = (int) Math.min(length, maxBytes - read + 1);
            int n = delegate.read(buffer, offset, Math.max(1, allowed));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void check(long more) throws RequestBodyTooLargeException {
            if (declaredTooLarge || read + more > maxBytes) {
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            check(0);
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
