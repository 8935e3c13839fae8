package io.ovl.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * After the daemon switched an attach or exec connection to a raw stream, copies the caller's
 * stdin to the daemon on its own thread while the caller reads the output. At the end of stdin it
 * half-closes the stream (SSH EOF), which the daemon passes on as end of input to the process,
 * as {@code docker attach} does.
 */
final class HijackedInputPump implements Runnable {
    private final InputStream stdin;
    private final OutputStream toDaemon;

    private HijackedInputPump(InputStream stdin, OutputStream toDaemon) {
        this.stdin = stdin;
        this.toDaemon = toDaemon;
    }

    static Thread start(InputStream stdin, OutputStream toDaemon, String hostLabel) {
        Thread thread = new Thread(new HijackedInputPump(stdin, toDaemon),
                "ovl-docker-stdin-" + hostLabel);
        // A caller that never closes its stdin must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = stdin.read(buffer)) != -1) {
                toDaemon.write(buffer, 0, read);
                // Interactive input must not wait in a buffer.
                toDaemon.flush();
            }
            toDaemon.close();
        } catch (IOException e) {
            // The response was closed or the channel dropped: the reader sees that, not us.
        }
    }
}
