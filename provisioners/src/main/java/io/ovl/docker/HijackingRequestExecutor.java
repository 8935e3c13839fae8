package io.ovl.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.Closer;

/**
 * HttpClient's request executor plus what docker-java's attach and exec with stdin need: a request
 * carrying {@link #HIJACKED_INPUT} is sent with {@code Upgrade: tcp}, the daemon answers 101, and
 * from then on the connection is a raw stream both ways. A daemon thread copies the input to the
 * connection and, at its end, shuts down the socket's output (SSH EOF), so the process in the
 * container reads the end of its stdin.
 *
 * <p>Why not docker-java's own executor in {@code docker-java-transport-httpclient5} (3.4.1): it is
 * not public, and it never half-closes, so {@code cat} fed through {@code exec} never ends
 * (docker-java issues 1448 and 1684).
 */
final class HijackingRequestExecutor extends HttpRequestExecutor {

    /** The context attribute holding the stdin to send after the switch. */
    static final String HIJACKED_INPUT = "io.ovl.docker.hijackedInput";

    private final String hostLabel;

    HijackingRequestExecutor(String hostLabel) {
        this.hostLabel = hostLabel;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
            HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        InputStream input = (InputStream) context.getAttribute(HIJACKED_INPUT);
        if (input == null) {
            return super.execute(request, conn, informationCallback, context);
        }
        try {
            conn.sendRequestHeader(request);
            conn.sendRequestEntity(request);
            conn.flush();
            ClassicHttpResponse response = conn.receiveResponseHeader();
            if (response.getCode() != HttpStatus.SC_SWITCHING_PROTOCOLS) {
                conn.terminateRequest(request);
                throw new ProtocolException("Expected 101 Switching Protocols, got: " + new StatusLine(response));
            }
            // Taken now: once the response is closed, the connection no longer hands out its socket.
            Socket socket = conn instanceof ManagedHttpClientConnection managed ? managed.getSocket() : null;
            Thread pump = new Thread(() -> pump(input, conn, socket), "ovl-docker-stdin-" + hostLabel);
            pump.setDaemon(true);
            pump.start();
            // docker-java treats anything outside 2xx as an error; after 101 the body is the raw stream.
            response.setCode(HttpStatus.SC_OK);
            conn.receiveResponseEntity(response);
            return response;
        } catch (HttpException | IOException | RuntimeException e) {
            Closer.closeQuietly(conn);
            throw e;
        }
    }

    /** Copies stdin to the connection, then half-closes it; ends quietly when the exchange ended first. */
    private static void pump(InputStream input, HttpClientConnection conn, Socket socket) {
        try {
            BasicClassicHttpRequest raw = new BasicClassicHttpRequest("POST", "/");
            // A length nobody reaches: HttpClient then writes the bytes as they are, without chunking.
            raw.setHeader(HttpHeaders.CONTENT_LENGTH, Long.MAX_VALUE);
            raw.setEntity(new StreamEntity(input));
            conn.sendRequestEntity(raw);
            conn.flush();
            if (socket != null) {
                socket.shutdownOutput();
            }
        } catch (HttpException | IOException | RuntimeException e) {
            // The daemon or the caller closed the stream first: nothing is left to send to.
        }
    }

    /** The hijacked input as an entity that writes each read at once. */
    private static final class StreamEntity extends AbstractHttpEntity {
        private final InputStream input;

        StreamEntity(InputStream input) {
            super((String) null, null, false);
            this.input = input;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = input.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }

        @Override
        public InputStream getContent() {
            return input;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void close() throws IOException {
            input.close();
        }
    }
}
