package io.ovl.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RunLog;
import io.ovl.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.EmptyInputStream;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * docker-java's transport for a remote host: Apache HttpClient 5 speaks HTTP/1.1, and each of its
 * connections is a fresh channel on the host's existing SSH connection ({@link ChannelSocket}): an
 * OpenSSH direct-streamlocal channel to the Docker socket, or {@code sudo -n docker system
 * dial-stdio} in an exec channel. The Docker API is never exposed on TCP, here or on the host,
 * and no socket file is made on this machine.
 *
 * <p>Why not docker-java's {@code ApacheDockerHttpClient} over a local Unix socket forwarded to
 * the channel: its socket factories are fixed inside it, and its hijacking never half-closes
 * (exec stdin would never end); and a forwarder would have to carry a refused channel's reason
 * from its own thread back to the request that failed. Here the channel is opened by the request
 * that needs it, and its failure is that request's exception.
 *
 * <p>Connections are not reused: a response closed (or its body read to the end) closes its
 * channel, so nothing stays open between requests and a restarted relay is found again. Opening
 * a channel on an open SSH connection costs one round trip. With dial-stdio each open request
 * holds a session channel, and OpenSSH allows {@code MaxSessions} (default 10) per connection.
 *
 * <p>The SSH connection belongs to the caller: {@link #close()} closes only the channels still open.
 */
public final class ChannelDockerHttpClient implements DockerHttpClient {

    /** No name is looked up: the connection factory below never uses the address. */
    private static final HttpHost DOCKER = new HttpHost("http", InetAddress.getLoopbackAddress(), "docker", 80);
    private static final String SOCKET = "io.ovl.docker.socket";
    /** Open requests at once per host, as docker-java's default; streams (logs, events) count. */
    private static final int MAX_CONNECTIONS = 100;

    private final CloseableHttpClient http;
    private final String hostLabel;
    private final RunLog log;

    ChannelDockerHttpClient(DuplexOpener opener, String hostLabel) {
        this(opener, hostLabel, RunLog.NONE);
    }

    /** @param log where each request goes on record: method, path without its query, status, time; never a body */
    ChannelDockerHttpClient(DuplexOpener opener, String hostLabel, RunLog log) {
        this.hostLabel = hostLabel;
        this.log = log;
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                new Channels(opener), PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND,
                new ManagedHttpClientConnectionFactory(null, null, null, null,
                        ChannelDockerHttpClient::contentLength, null));
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ZERO_MILLISECONDS).build());
        connections.setMaxTotal(MAX_CONNECTIONS);
        connections.setDefaultMaxPerRoute(MAX_CONNECTIONS);
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setRequestExecutor(new HijackingRequestExecutor(hostLabel))
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableAutomaticRetries() // a refused or failed channel is reported, not tried again
                .disableRedirectHandling()
                .disableConnectionState()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * A transport over an open, authenticated SSH connection.
     *
     * @param ssh the host's connection, owned and closed by the caller
     * @param sudo false: an SSH channel to the daemon's socket (the SSH user must be allowed to
     *     use it); true: {@code sudo -n docker system dial-stdio} (passwordless sudo needed)
     * @param hostLabel how errors name the host, e.g. its name in the topology
     */
    public static ChannelDockerHttpClient over(SSHClient ssh, boolean sudo, String hostLabel) {
        DuplexOpener opener = sudo
                ? new DialStdioOpener(ssh)
                : new SocketChannelOpener(ssh, SocketChannelOpener.DOCKER_SOCKET, hostLabel);
        return new ChannelDockerHttpClient(opener, hostLabel);
    }

    /**
     * The transport of a host's session: channels to {@link HostSession#dockerSocket()}, which is
     * Docker's socket for a user allowed to use it, or the socket of a relay the session's
     * privileged shell started once (become: sudo or doas), so no request pays a sudo of its own.
     * When sshd refuses socket channels (AllowStreamLocalForwarding no), a passwordless sudo user
     * still reaches Docker through {@code sudo -n docker system dial-stdio}, one sudo per request;
     * a host whose sudo wants a password, or that uses doas, through
     * {@code docker -H unix://RELAY system dial-stdio} as the login user (no escalation per request).
     */
    public static ChannelDockerHttpClient over(HostSession session) {
        SocketChannelOpener socket = new SocketChannelOpener(session.sshClient(), session::dockerSocket, session.label());
        DuplexOpener opener = session.endpoint().become() == SshTarget.Become.NONE ? socket
                : new FallbackOpener(socket, session.escalatesOnlyThroughShells()
                        ? DialStdioOpener.toRelay(session.sshClient(), session::dockerSocket)
                        : new DialStdioOpener(session.sshClient()));
        return new ChannelDockerHttpClient(opener, session.label(), session.runLog());
    }

    /**
     * Sends one request and returns once the response head has arrived; the body streams from
     * the channel.
     *
     * @throws OvlException naming the host and the request when the channel cannot be opened or
     *     the exchange fails
     */
    @Override
    public Response execute(Request request) {
        HttpContext context = new BasicHttpContext();
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), URI.create(request.path()));
        message.setScheme(DOCKER.getSchemeName());
        message.setAuthority(new URIAuthority(DOCKER.getHostName(), DOCKER.getPort()));
        request.headers().forEach(message::addHeader);
        if (request.bodyBytes() != null) {
            message.setEntity(new ByteArrayEntity(request.bodyBytes(), null));
        } else if (request.body() != null) {
            message.setEntity(new InputStreamEntity(request.body(), null));
        }
        if (request.hijackedInput() != null) {
            context.setAttribute(HijackingRequestExecutor.HIJACKED_INPUT, request.hijackedInput());
            message.setHeader("Upgrade", "tcp");
            message.setHeader("Connection", "Upgrade");
        }
        long start = System.nanoTime();
        try {
            ChannelResponse response = new ChannelResponse(message, http.execute(DOCKER, message, context));
            record(request, "http=" + response.getStatusCode(), start, "");
            return response;
        } catch (IOException e) {
            OvlException failure = failure(request, why(e) + diagnostics(context), e);
            record(request, "failed", start, failure.getMessage());
            throw failure;
        }
    }

    /** Time to the response's head: a streamed body (logs, a hijacked exec) is not waited for. */
    private void record(Request request, String outcome, long nanoStart, String detail) {
        if (log.on()) {
            log.record(new RunLog.Entry(hostLabel, "docker", request.method() + " " + withoutQuery(request.path()),
                    outcome, java.time.Duration.ofNanos(System.nanoTime() - nanoStart).toMillis(), detail));
        }
    }

    private static String why(IOException e) {
        if (e instanceof NoHttpResponseException || e instanceof ConnectionClosedException) {
            return "the stream ended before the daemon answered";
        }
        return e.getMessage();
    }

    private static String diagnostics(HttpContext context) {
        String said = context.getAttribute(SOCKET) instanceof ChannelSocket socket ? socket.diagnostics() : "";
        return said.isEmpty() ? "" : "; " + said;
    }

    private OvlException failure(Request request, String why, Exception cause) {
        return new OvlException(ExitCode.HOST_FAILED, "host " + hostLabel + ": Docker API "
                + request.method() + " " + withoutQuery(request.path()) + " failed: " + why, cause);
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /* As docker-java's transport: "Transfer-Encoding: identity" (old daemons' streams) reads to the end. */
    private static long contentLength(HttpMessage message) throws HttpException {
        Header te = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
        if (te != null && "identity".equalsIgnoreCase(te.getValue())) {
            return ContentLengthStrategy.UNDEFINED;
        }
        return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
    }

    /** Closes the channels of responses still open; the SSH connection stays open. */
    @Override
    public void close() throws IOException {
        http.close();
    }

    /**
     * How HttpClient connects: each connection opens a channel on the host's SSH connection and
     * binds it as the connection's socket. An operator, not a socket factory: HttpClient 5.4 and
     * later create and connect plain sockets themselves and ask socket factories only for TLS.
     */
    private static final class Channels implements HttpClientConnectionOperator {
        private final DuplexOpener opener;

        Channels(DuplexOpener opener) {
            this.opener = opener;
        }

        /**
         * @throws OvlException when the host refuses in a way a person must fix (the message says how)
         */
        @Override
        public void connect(ManagedHttpClientConnection conn, HttpHost host, InetSocketAddress localAddress,
                TimeValue connectTimeout, SocketConfig socketConfig, HttpContext context) throws IOException {
            DuplexStream stream;
            try {
                stream = opener.open();
            } catch (IOException e) {
                throw new IOException("could not open an SSH channel to the Docker daemon: " + e.getMessage(), e);
            }
            ChannelSocket socket = new ChannelSocket(stream);
            context.setAttribute(SOCKET, socket);
            conn.bind(socket);
        }

        @Override
        public void connect(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpointName,
                InetSocketAddress localAddress, Timeout connectTimeout, SocketConfig socketConfig, Object attachment,
                HttpContext context) throws IOException {
            connect(conn, host, localAddress, connectTimeout, socketConfig, context);
        }

        @Override
        public void connect(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpointName,
                java.nio.file.Path unixDomainSocket, InetSocketAddress localAddress, Timeout connectTimeout,
                SocketConfig socketConfig, Object attachment, HttpContext context) throws IOException {
            connect(conn, host, localAddress, connectTimeout, socketConfig, context);
        }

        /** No TLS: the channel is the SSH connection's, which is encrypted already. */
        @Override
        public void upgrade(ManagedHttpClientConnection conn, HttpHost host, HttpContext context) {
            throw new UnsupportedOperationException("no TLS over an SSH channel");
        }
    }

    /** docker-java's view of an HttpClient response; closing it closes the channel. */
    private static final class ChannelResponse implements Response {
        private final HttpUriRequestBase request;
        private final CloseableHttpResponse response;

        ChannelResponse(HttpUriRequestBase request, CloseableHttpResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public int getStatusCode() {
            return response.getCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Stream.of(response.getHeaders()).collect(Collectors.groupingBy(NameValuePair::getName,
                    Collectors.mapping(NameValuePair::getValue, Collectors.toList())));
        }

        @Override
        public String getHeader(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public InputStream getBody() {
            try {
                return response.getEntity() == null ? EmptyInputStream.INSTANCE : response.getEntity().getContent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Aborts what is still streaming (a followed log, a hijacked stream), then releases the channel. */
        @Override
        public void close() {
            request.abort();
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // The channel is closed either way.
            }
        }
    }
}
