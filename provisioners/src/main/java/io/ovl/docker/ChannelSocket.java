package io.ovl.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A {@link Socket} over one {@link DuplexStream} (an SSH channel to the Docker socket, or
 * {@code docker system dial-stdio}), so Apache HttpClient can speak HTTP over it. There is no
 * file descriptor: every method HttpClient calls is answered here, and the TCP options it sets
 * mean nothing on a channel. {@link #shutdownOutput()} sends SSH EOF: the daemon sees the end of
 * a hijacked stdin.
 */
final class ChannelSocket extends Socket {
    private final DuplexStream stream;
    private volatile boolean closed;
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    private volatile int soTimeout;

    /** @param stream null for the unconnected socket HttpClient configures before connecting */
    ChannelSocket(DuplexStream stream) {
        this.stream = stream;
    }

    /** What the far end said beyond the bytes (see {@link DuplexStream#diagnostics()}); "" when unconnected. */
    String diagnostics() {
        return stream == null ? "" : stream.diagnostics();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return open().input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        OutputStream out = open().output();
        // HttpClient never closes this stream; shutdownOutput() and close() end the channel's side.
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    private DuplexStream open() throws SocketException {
        if (stream == null) {
            throw new SocketException("Socket is not connected");
        }
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        return stream;
    }

    /** Sends SSH EOF; does nothing once the socket is closed (closing sent it). */
    @Override
    public synchronized void shutdownOutput() throws IOException {
        if (!outputShut && !closed) {
            outputShut = true;
            open().output().close();
        }
    }

    @Override
    public void shutdownInput() {
        inputShut = true;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut;
    }

    /** Sends EOF (as TCP's close sends FIN), then closes the channel; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (stream != null) {
                shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            // The far end closed first: closing the channel below is all that is left.
        }
        closed = true;
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isConnected() {
        return stream != null;
    }

    @Override
    public boolean isBound() {
        return stream != null;
    }

    @Override
    public void connect(SocketAddress endpoint) {
        // Connected when made: the channel is opened by ChannelDockerHttpClient's socket factory.
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
        // As above.
    }

    @Override
    public void bind(SocketAddress bindpoint) {
        // No local address: nothing listens or binds on this machine.
    }

    /** Kept for HttpClient's bookkeeping; a channel read does not time out (the SSH connection's keepalive does). */
    @Override
    public void setSoTimeout(int timeout) {
        soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // A TCP option: nothing to set on a channel.
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
        // As above.
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setReuseAddress(boolean on) {
        // As above.
    }

    @Override
    public boolean getReuseAddress() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // As above: close() closes the channel.
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // As above.
    }

    @Override
    public void setSendBufferSize(int size) {
        // As above.
    }

    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public InetAddress getLocalAddress() {
        return null;
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return null;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "ChannelSocket[" + (stream == null ? "unconnected" : closed ? "closed" : "open") + "]";
    }
}
