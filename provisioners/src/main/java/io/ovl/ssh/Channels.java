package io.ovl.ssh;

import java.io.IOException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** How ovl lets go of an exec channel, and the byte search its frame readers share. */
final class Channels {
    private Channels() {
    }

    /**
     * Gives up on a started command's channel (the port probe's listener, a streamed command) that
     * may still run: asks sshd to TERM it (sshd honours signal requests only in some setups, so
     * this is best effort; a listener left running would hold its port) and closes the channel on a
     * background thread, because SSHJ's close() waits for the server's reply, which a stuck command
     * delays. The connection stays usable. {@code first} runs before, on that thread.
     */
    static void abandon(String label, Session session, Runnable first) {
        abandon(label, session, first, true);
    }

    /**
     * As {@link #abandon(String, Session, Runnable)}, without the TERM request: for the persistent
     * shell, whose end of input ends it. OpenSSH's sshd dropped the whole connection ("unknown
     * channel") when a TERM raced that shell's exit, and every other shell of the connection failed
     * with it ({@code PersistentShellIT}: a timed-out command, then the next one).
     */
    static void abandonShell(String label, Session session, Runnable first) {
        abandon(label, session, first, false);
    }

    private static void abandon(String label, Session session, Runnable first, boolean terminate) {
        Thread closer = new Thread(() -> {
            try {
                first.run();
            } catch (RuntimeException ignored) {
                // Best effort, like the rest.
            }
            try {
                if (terminate && session instanceof Session.Command c) {
                    c.signal(Signal.TERM);
                }
            } catch (IOException | RuntimeException ignored) {
                // Best effort, see above.
            }
            closeQuietly(session);
        }, "ovl-ssh-" + label + "-abandon");
        closer.setDaemon(true);
        closer.start();
    }

    /**
     * Ends a command that must not go on (sudo refused its password): its stdin is closed, so sudo
     * stops asking, and the channel is closed on a background thread ({@link #abandon}).
     */
    static void closeQuietlyCommand(Session.Command cmd) {
        Thread closer = new Thread(() -> {
            try {
                cmd.getOutputStream().close();
            } catch (IOException | RuntimeException ignored) {
                // Already gone.
            }
            try {
                cmd.close();
            } catch (IOException | RuntimeException ignored) {
                // The error at hand is what matters.
            }
        }, "ovl-ssh-sudo-close");
        closer.setDaemon(true);
        closer.start();
    }

    static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // The command's result or error is what matters; a failed close changes neither.
        }
    }

    /** Index of {@code needle} in {@code data} at or after {@code from}, or -1. */
    static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
