package io.ovl.provision;

import java.util.Objects;

/**
 * A reason not to start changing anything, found before the first change: which host, which check,
 * and what to do about it.
 *
 * @param host  the topology name of the host, or "topology" for a problem of the whole cluster
 * @param check a stable name, e.g. "engine.cluster-store"
 */
public record Blocker(String host, String check, String message) {
    public Blocker {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    public String format() {
        return "host " + host + ": " + check + ": " + message;
    }
}
