package io.ovl.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an HTTP/1.1 status line and headers, up to and including the empty line, and not one byte
 * further: the body, or the raw stream after a protocol switch, stays in the stream.
 */
final class HttpResponseHeadReader {

    /** A daemon's head is a few hundred bytes; more means we are not talking to a daemon. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private HttpResponseHeadReader() {}

    /**
     * @throws EOFException when the stream ends before the first byte of a response (the far end
     *     closed without answering), or in the middle of the head
     * @throws HttpProtocolException when the bytes are not an HTTP/1.x response head
     */
    static HttpResponseHead read(InputStream in) throws IOException {
        LineReader lines = new LineReader(in);
        String statusLine = lines.next();
        if (statusLine == null) {
            throw new EOFException("the connection closed before any response");
        }
        int status = parseStatus(statusLine);
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";

        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while (true) {
            line = lines.next();
            if (line == null) {
                throw new EOFException("the connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new HttpProtocolException("malformed response header line: " + quote(line));
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new HttpResponseHead(status, reason, headers);
    }

    private static int parseStatus(String line) throws HttpProtocolException {
        // "HTTP/1.1 200 OK": version, space, three digits, then a space or the end.
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new HttpProtocolException("not an HTTP/1.x status line: " + quote(line));
        }
        String digits = line.substring(9, 12);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpProtocolException("bad HTTP status code in: " + quote(line));
        }
        return Integer.parseInt(digits);
    }

    private static String quote(String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return "\"" + shown + "\"";
    }

    /** Lines ending in LF (a CR before it is dropped), counting bytes against the limit. */
    private static final class LineReader {
        private final InputStream in;
        private int total;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at end of stream before any byte of it. */
        String next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != -1) {
                if (++total > MAX_HEAD_BYTES) {
                    throw new HttpProtocolException(
                            "response head is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                            ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            if (line.size() > 0) {
                throw new EOFException("the connection closed inside the response headers");
            }
            return null;
        }
    }
}
