package io.ovl.change;

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
        SKIPPED,
        /** Not started: the run was interrupted before this host's step; nothing was changed on it. */
        NOT_STARTED
    }

    public HostOutcome {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean failed() {
        return status == Status.ROLLED_BACK || status == Status.FAILED || status == Status.SKIPPED
                || status == Status.NOT_STARTED;
    }

    /** {@code host} was not started because the run was interrupted; {@code what} is the step, e.g. "init". */
    public static HostOutcome notStarted(String host, String what) {
        return new HostOutcome(host, Status.NOT_STARTED, what + " was interrupted before this"
                + " host's step; nothing was changed on it");
    }
}
