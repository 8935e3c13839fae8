package io.ovl.provision;

import java.util.Objects;

/** What init or reset did on one host. */
public record HostOutcome(String host, Status status, String detail) {
    public enum Status {
        /** Nothing needed; dockerd not restarted. */
        UNCHANGED,
        /** Configured and dockerd restarted with the new configuration, confirmed through its API. */
        CHANGED,
        /** The new configuration failed; the previous one was restored and dockerd is up again with it. */
        ROLLED_BACK,
        /** Failed, and the host may not be as it was: the detail says what is left. */
        FAILED,
        /** Not attempted: --rolling stopped at an earlier host's failure. */
        SKIPPED
    }

    public HostOutcome {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean failed() {
        return status == Status.ROLLED_BACK || status == Status.FAILED || status == Status.SKIPPED;
    }
}
