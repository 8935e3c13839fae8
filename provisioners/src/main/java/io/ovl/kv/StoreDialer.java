package io.ovl.kv;

import io.ovl.ssh.HostSession;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * Opens a TCP byte stream to a store endpoint that starts on a Docker host, so the store is asked
 * from where dockerd connects. Over SSH it is a direct-tcpip channel of the host's session
 * ({@link #over}); unit tests of {@link StoreChannelProbe} give it in-memory streams.
 */
@FunctionalInterface
public interface StoreDialer {

    /** One connection to the store; closing it ends the exchange (also one that hangs). */
    interface Stream extends Closeable {
        InputStream in();

        OutputStream out();
    }

    /** @throws IOException when the host cannot connect (sshd reports "connect failed") */
    Stream dial(String address, int port) throws IOException;

    /** Dials from the host of {@code session}: a direct-tcpip channel, no tool needed on the host. */
    static StoreDialer over(HostSession session) {
        return (address, port) -> {
            DirectConnection conn = session.sshClient().newDirectConnection(address, port);
            return new Stream() {
                @Override
                public InputStream in() {
                    return conn.getInputStream();
                }

                @Override
                public OutputStream out() {
                    return conn.getOutputStream();
                }

                @Override
                public void close() throws IOException {
                    conn.close();
                }
            };
        };
    }
}
