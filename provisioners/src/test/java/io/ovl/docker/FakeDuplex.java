package io.ovl.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A FAKE stream for unit tests of the pure HTTP logic: the daemon's side is a fixed or piped
 * byte source, and what the client writes is recorded. No SSH and no daemon are involved; the
 * real paths are covered by {@code SshDockerTransportIT} against lab hosts.
 */
final class FakeDuplex implements DuplexStream {
    private final InputStream fromDaemon;
    private final String diagnostics;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final CountDownLatch outputClosed = new CountDownLatch(1);
    private volatile boolean closed;

    FakeDuplex(InputStream fromDaemon, String diagnostics) {
        this.fromDaemon = fromDaemon;
        this.diagnostics = diagnostics;
    }

    static FakeDuplex answering(String fixture) {
        return new FakeDuplex(Fixtures.stream(fixture), "");
    }

    @Override
    public InputStream input() {
        return fromDaemon;
    }

    @Override
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (written) {
                    written.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (written) {
                    written.write(b, off, len);
                }
            }

            @Override
            public void close() {
                outputClosed.countDown();
            }
        };
    }

    @Override
    public String diagnostics() {
        return diagnostics;
    }

    @Override
    public void close() {
        closed = true;
        try {
            fromDaemon.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String written() {
        synchronized (written) {
            return written.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits for the client to half-close its side; a liveness guard, not a timing check. */
    boolean awaitOutputClosed(long seconds) throws InterruptedException {
        return outputClosed.await(seconds, TimeUnit.SECONDS);
    }

    boolean closed() {
        return closed;
    }
}
