package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact request bytes; pure logic, written to memory. */
class HttpRequestWriterTest {

    private static String write(Request request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpRequestWriter.write(request, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void getHasHostAndAsksToCloseAndNoBodyHeaders() throws IOException {
        Request request = Request.builder().method(Request.Method.GET).path("/info").build();

        assertEquals("GET /info HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n", write(request));
    }

    @Test
    void bodyBytesAreSentWithTheirLength() throws IOException {
        Request request = Request.builder().method(Request.Method.POST).path("/networks/create")
                .putHeader("content-type", "application/json")
                .bodyBytes("{\"Name\":\"n1\"}".getBytes(StandardCharsets.UTF_8))
                .build();

        assertEquals("POST /networks/create HTTP/1.1\r\nHost: docker\r\n"
                + "content-type: application/json\r\nConnection: close\r\n"
                + "Content-Length: 13\r\n\r\n{\"Name\":\"n1\"}", write(request));
    }

    @Test
    void postWithoutBodySaysLengthZero() throws IOException {
        Request request = Request.builder().method(Request.Method.POST).path("/containers/c1/start").build();

        assertEquals("POST /containers/c1/start HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n", write(request));
    }

    @Test
    void streamBodyOfUnknownLengthIsChunked() throws IOException {
        // Reads of 3, then 2 bytes give two chunks; the zero-size chunk ends the body.
        InputStream body = new InputStream() {
            private final byte[][] pieces = {"abc".getBytes(), "de".getBytes()};
            private int next;

            @Override
            public int read() {
                throw new AssertionError("bulk reads expected");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == pieces.length) {
                    return -1;
                }
                byte[] piece = pieces[next++];
                System.arraycopy(piece, 0, b, off, piece.length);
                return piece.length;
            }
        };
        Request request = Request.builder().method(Request.Method.PUT).path("/containers/c1/archive?path=%2Ftmp")
                .body(body).build();

        assertEquals("PUT /containers/c1/archive?path=%2Ftmp HTTP/1.1\r\nHost: docker\r\n"
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", write(request));
    }

    @Test
    void hijackedRequestAsksForUpgradeAndNotForClose() throws IOException {
        Request request = Request.builder().method(Request.Method.POST).path("/containers/c1/attach?stream=1&stdin=1")
                .hijackedInput(new ByteArrayInputStream(new byte[0])).build();

        String written = write(request);

        assertTrue(written.contains("\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"), written);
        assertFalse(written.contains("Connection: close"), written);
    }

    @Test
    void callerCannotOverrideFramingHeaders() throws IOException {
        Request request = Request.builder().method(Request.Method.POST).path("/build")
                .putHeader("Content-Length", "999").putHeader("Connection", "keep-alive")
                .bodyBytes(new byte[] {1, 2})
                .build();

        String written = write(request);

        assertFalse(written.contains("999"), written);
        assertFalse(written.contains("keep-alive"), written);
        assertTrue(written.contains("Content-Length: 2\r\n"), written);
    }

    @Test
    void headerValueWithLineBreakIsRefusedNotSmuggled() {
        Request request = Request.builder().method(Request.Method.GET).path("/info")
                .putHeader("X-Registry-Auth", "abc\r\nX-Evil: 1").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(request));
        assertTrue(e.getMessage().contains("X-Registry-Auth"), e.getMessage());
    }

    @Test
    void pathWithSpaceOrLineBreakIsRefused() {
        for (String path : new String[] {"/containers/a b/json", "/info\r\nX: 1", "info"}) {
            Request request = Request.builder().method(Request.Method.GET).path(path).build();
            assertThrows(IllegalArgumentException.class, () -> write(request), path);
        }
    }
}
