package io.modomodo.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitFilterTest {

    /** A body sent chunked: no declared length. */
    static final class ChunkedRequest extends MockHttpServletRequest {
        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }
    }

    static InputStream filtered(MockHttpServletRequest request, long limit) throws Exception {
        AtomicReference<ServletRequest> seen = new AtomicReference<>();
        new RequestBodyLimitFilter(limit).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set(req));
        return seen.get().getInputStream();
    }

    @Test
    void passesABodyWithinTheLimit() throws Exception {
        MockHttpServletRequest request = new ChunkedRequest();
        request.setContent(new byte[50]);
        assertThat(filtered(request, 50).readAllBytes()).hasSize(50);
    }

    @Test
    void stopsAStreamedBodyOnceItCrossesTheLimit() throws Exception {
        MockHttpServletRequest request = new ChunkedRequest();
        request.setContent(new byte[100]);
        InputStream body = filtered(request, 50);
        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(RequestBodyTooLargeException.class,
                ex -> assertThat(ex.limit()).isEqualTo(50));
    }

    @Test
    void refusesADeclaredLengthOverTheLimitAtTheFirstRead() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent(new byte[51]);
        InputStream body = filtered(request, 50);
        assertThatThrownBy(body::read).isInstanceOf(RequestBodyTooLargeException.class);
    }

    @Test
    void neverReadsMoreThanOneBytePastTheLimit() throws Exception {
        MockHttpServletRequest request = new ChunkedRequest();
        request.setContent(new byte[10_000]);
        InputStream body = filtered(request, 50);
        byte[] buffer = new byte[8192];
        assertThatThrownBy(() -> body.read(buffer, 0, buffer.length)).isInstanceOf(RequestBodyTooLargeException.class);
        assertThat(request.getInputStream().readAllBytes()).as("left unread").hasSize(10_000 - 51);
    }
}
