package io.ovl.docker;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One bidirectional byte stream to a Docker daemon: an SSH channel to its socket, or the stdin
 * and stdout of {@code docker system dial-stdio}. One HTTP exchange runs over it, then it is
 * closed; opening another channel on the host's existing SSH connection is cheap, so there is no
 * pooling.
 */
interface DuplexStream extends Closeable {

    /** Bytes from the daemon. */
    InputStream input();

    /** Bytes to the daemon; closing it half-closes the stream (SSH EOF). */
    OutputStream output();

    /**
     * What the far end said beyond the byte stream, for an error message when the stream ended
     * early (for dial-stdio: its exit status and stderr). Empty when there is nothing to add.
     * Call only once the stream has ended: it may wait briefly for the channel to close.
     */
    String diagnostics();

    /** Closes the channel; never throws, safe to call twice. */
    @Override
    void close();
}
