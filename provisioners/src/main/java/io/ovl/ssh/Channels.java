package io.ovl.ssh;

import java.io.IOException;
import net.schmizz.sshj.connection.channel.direct.Session;

/** How ovl lets go of an exec channel, and the byte search its frame readers share. */
final class Channels {
    private Channels() {
    }

    /**
     * Gives up on a channel whose command may still run: closes the channel on a background thread,
     * because SSHJ's close() waits for the server's reply, which a stuck command delays. The
     * connection stays usable. {@code first} runs before, on that thread (closing stdin).
     *
     * <p>No "signal" request is sent: OpenSSH's sshd drops the whole connection ("unknown channel")
     * when such a request reaches a channel whose session has just ended, which a TERM racing the
     * shell's own exit makes likely; every other shell of the connection then fails with it
     * ({@code PersistentShellIT}, a timed-out command followed by the next one).
     */
    static void abandon(String label, Session session, Runnable first) {
        Thread closer = new Thread(() -> {
            try {
                first.run();
            } catch (RuntimeException ignored) {
                // Best effort, like the rest.
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
