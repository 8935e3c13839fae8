package io.ovl.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A response whose body reads straight from the channel it came on. Closing the body or the
 * response closes the channel: that is how a streamed body (logs, events) is cut off.
 */
final class SshResponse implements DockerHttpClient.Response {
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final DuplexStream stream;

    SshResponse(int statusCode, Map<String, List<String>> headers, InputStream body,
            DuplexStream stream) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.stream = stream;
        this.body = new FilterInputStream(body) {
            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public int getStatusCode() {
        return statusCode;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public InputStream getBody() {
        return body;
    }

    @Override
    public void close() {
        stream.close();
    }
}
