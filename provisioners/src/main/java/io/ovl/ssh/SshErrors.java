package io.ovl.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns SSHJ and socket exceptions into the short reason a person reads after "host X: step: ". */
final class SshErrors {
    private SshErrors() {
    }

    static String describe(Throwable e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().contains("Timeout expired"))) {
                return "timed out after " + seconds(timeout);
            }
            if (t instanceof ConnectException) {
                return "connection refused (is sshd running and listening on that port?)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host name " + t.getMessage();
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
