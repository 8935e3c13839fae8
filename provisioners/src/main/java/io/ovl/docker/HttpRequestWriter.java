package io.ovl.docker;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes one docker-java {@link Request} as HTTP/1.1 bytes. Each request has its own channel, so
 * it asks the daemon to close after the response ({@code Connection: close}), or to switch the
 * connection to a raw stream when docker-java hijacks it for attach/exec stdin.
 */
final class HttpRequestWriter {

    /** Any valid name does; the daemon listens on a Unix socket and ignores it. */
    static final String HOST = "docker";

    /*
     * Framing headers belong to the transport: a value docker-java put there would contradict
     * how this writer frames the body.
     */
    private static final Set<String> TRANSPORT_HEADERS =
            Set.of("host", "connection", "upgrade", "content-length", "transfer-encoding");

    private static final int CHUNK_SIZE = 32 * 1024;

    private HttpRequestWriter() {}

    static void write(Request request, OutputStream out) throws IOException {
        String method = request.method();
        requireToken("method", method);
        requirePath(request.path());

        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        header(head, "Host", HOST);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (!TRANSPORT_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                header(head, h.getKey(), h.getValue());
            }
        }
        if (request.hijackedInput() != null) {
            header(head, "Connection", "Upgrade");
            header(head, "Upgrade", "tcp");
        } else {
            header(head, "Connection", "close");
        }

        byte[] bytes = request.bodyBytes();
        InputStream stream = bytes == null ? request.body() : null;
        if (bytes != null) {
            header(head, "Content-Length", Integer.toString(bytes.length));
        } else if (stream != null) {
            header(head, "Transfer-Encoding", "chunked");
        } else if (sendsBody(method)) {
            // Some servers wait for a body on POST without a length; say there is none.
            header(head, "Content-Length", "0");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));

        if (bytes != null) {
            out.write(bytes);
        } else if (stream != null) {
            writeChunked(stream, out);
        }
        out.flush();
    }

    private static void writeChunked(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[CHUNK_SIZE];
        int read;
        while ((read = body.read(buffer)) != -1) {
            if (read == 0) {
                continue; // a zero-size chunk would end the body
            }
            out.write((Integer.toHexString(read) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buffer, 0, read);
            out.write(CRLF);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static boolean sendsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static void header(StringBuilder head, String name, String value) {
        requireToken("header name", name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // CR or LF in a value would start a new header line: refuse instead of smuggling.
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException(
                        "HTTP header " + name + " has a control or non-Latin-1 character at " + i);
            }
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static void requireToken(String what, String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("HTTP " + what + " is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        "HTTP " + what + " '" + token + "' has an invalid character at " + i);
            }
        }
    }

    private static void requirePath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("HTTP request path must start with '/': " + path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException(
                        "HTTP request path has a space, control or non-ASCII character at " + i
                                + " (it must be percent-encoded): " + path);
            }
        }
    }
}
