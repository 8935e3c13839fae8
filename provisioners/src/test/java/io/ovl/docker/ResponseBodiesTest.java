package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Body framing (Content-Length, chunked, until close, none) over captured bytes; pure logic. */
class ResponseBodiesTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(String method, String response) throws IOException {
        InputStream in = bytes(response);
        HttpResponseHead head = HttpResponseHeadReader.read(in);
        return new String(ResponseBodies.frame(method, head, in).readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentLengthBodyStopsAtItsLengthEvenIfMoreBytesFollow() throws IOException {
        assertEquals("OK", body("GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOKtrailing junk"));
    }

    @Test
    void capturedPingBodyIsOk() throws IOException {
        InputStream in = Fixtures.stream("ping-26.http");
        HttpResponseHead head = HttpResponseHeadReader.read(in);

        assertArrayEquals("OK".getBytes(StandardCharsets.US_ASCII), ResponseBodies.frame("GET", head, in).readAllBytes());
    }

    @Test
    void contentLengthBodyCutShortIsAnErrorNotASilentTruncation() {
        EOFException e = assertThrows(EOFException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
        assertTrue(e.getMessage().contains("5 of 10"), e.getMessage());
    }

    @Test
    void conflictingContentLengthsAreRefused() {
        assertThrows(HttpProtocolException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"));
    }

    @Test
    void capturedChunkedBodyIsJoinedWithoutChunkSizes() throws IOException {
        InputStream in = Fixtures.stream("info-chunked-20.10.http");
        HttpResponseHead head = HttpResponseHeadReader.read(in);

        String json = new String(ResponseBodies.frame("GET", head, in).readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(json.startsWith("{\"ID\":\"6EEQ:CBSI:"), json);
        assertTrue(json.endsWith("}\n"), json);
        assertEquals(0x8c1, json.length(), "one chunk of 0x8c1 bytes, without size line or CRLF");
        assertEquals(-1, in.read(), "the chunked body ends at the zero chunk and its trailer line");
    }

    @Test
    void chunkExtensionsAndTrailersAreSkipped() throws IOException {
        assertEquals("hello world", body("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));
    }

    @Test
    void chunkedWinsOverContentLength() throws IOException {
        assertEquals("abc", body("GET", "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void chunkedBodyCutInsideAChunkIsAnError() {
        assertThrows(EOFException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nonly5"));
    }

    @Test
    void chunkedBodyWithoutItsLastChunkIsAnError() {
        assertThrows(EOFException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
    }

    @Test
    void badChunkSizeIsAProtocolError() {
        assertThrows(HttpProtocolException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void chunkLongerThanItsSizeIsAProtocolError() {
        assertThrows(HttpProtocolException.class,
                () -> body("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"));
    }

    @Test
    void withoutLengthOrChunkingTheBodyRunsUntilClose() throws IOException {
        assertEquals("raw stream until close", body("POST", "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/vnd.docker.raw-stream\r\n\r\nraw stream until close"));
    }

    @Test
    void noBodyForHeadAnd204And304WhateverTheHeadersSay() throws IOException {
        assertEquals("", body("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"));
        assertEquals("", body("DELETE", "HTTP/1.1 204 No Content\r\n\r\nnot a body"));
        assertEquals("", body("POST", "HTTP/1.1 304 Not Modified\r\n\r\nnot a body"));
    }

    /**
     * A streamed body: each read must return the chunk that has arrived without waiting for the
     * next one, or `docker logs -f` and events would stall. The source below FAILS the test if
     * the parser reads past the bytes the daemon has sent so far.
     */
    @Test
    void chunkIsDeliveredBeforeTheNextOneArrives() throws IOException {
        byte[] firstChunkOnly = "5\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream daemonSoFar = new InputStream() {
            private int pos;

            @Override
            public int read() {
                if (pos == firstChunkOnly.length) {
                    throw new AssertionError("read beyond the bytes the daemon has sent");
                }
                return firstChunkOnly[pos++];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = Math.min(len, firstChunkOnly.length - pos);
                if (n == 0) {
                    throw new AssertionError("read beyond the bytes the daemon has sent");
                }
                System.arraycopy(firstChunkOnly, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        ChunkedInputStream chunked = new ChunkedInputStream(daemonSoFar);

        byte[] buffer = new byte[1024];
        int n = chunked.read(buffer, 0, buffer.length);

        assertEquals("first", new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }
}
