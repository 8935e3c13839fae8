package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status line and headers, from captured response bytes; pure logic. */
class HttpResponseHeadReaderTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsStatusAndHeadersOfADaemonResponse() throws IOException {
        HttpResponseHead head = HttpResponseHeadReader.read(Fixtures.stream("container-not-found-20.10.http"));

        assertEquals(404, head.statusCode());
        assertEquals("Not Found", head.reason());
        assertEquals(Optional.of("application/json"), head.first("content-type"));
        assertEquals(Optional.of("1.41"), head.first("API-VERSION"));
        assertEquals(Optional.of("38"), head.first("Content-Length"));
    }

    @Test
    void stopsExactlyAtTheEndOfTheHeadLeavingTheBody() throws IOException {
        InputStream in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody and more");

        HttpResponseHeadReader.read(in);

        assertEquals("body and more", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void repeatedHeadersKeepAllValuesInOrder() throws IOException {
        HttpResponseHead head = HttpResponseHeadReader.read(
                bytes("HTTP/1.1 200 OK\r\nWarning: one\r\nwarning: two\r\n\r\n"));

        assertEquals(List.of("one", "two"), head.values("Warning"));
    }

    @Test
    void acceptsBareLineFeedsAndStatusWithoutReason() throws IOException {
        HttpResponseHead head = HttpResponseHeadReader.read(bytes("HTTP/1.0 204\nServer: x\n\n"));

        assertEquals(204, head.statusCode());
        assertEquals("", head.reason());
        assertEquals(Optional.of("x"), head.first("server"));
    }

    @Test
    void closeBeforeAnyByteIsEndOfStreamNotGarbage() {
        EOFException e = assertThrows(EOFException.class, () -> HttpResponseHeadReader.read(bytes("")));
        assertTrue(e.getMessage().contains("before any response"), e.getMessage());
    }

    @Test
    void closeInsideTheHeadIsEndOfStream() {
        assertThrows(EOFException.class, () -> HttpResponseHeadReader.read(bytes("HTTP/1.1 200 OK\r\nServ")));
    }

    @Test
    void somethingElseThanHttpIsAProtocolErrorQuotingIt() {
        HttpProtocolException e = assertThrows(HttpProtocolException.class,
                () -> HttpResponseHeadReader.read(bytes("sudo: a password is required\n")));
        assertTrue(e.getMessage().contains("sudo: a password is required"), e.getMessage());
    }

    @Test
    void malformedHeaderLineIsAProtocolError() {
        assertThrows(HttpProtocolException.class,
                () -> HttpResponseHeadReader.read(bytes("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")));
    }

    @Test
    void endlessHeadIsCutOff() {
        String endless = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(HttpResponseHeadReader.MAX_HEAD_BYTES / 6 + 1);
        assertThrows(HttpProtocolException.class, () -> HttpResponseHeadReader.read(bytes(endless)));
    }
}
