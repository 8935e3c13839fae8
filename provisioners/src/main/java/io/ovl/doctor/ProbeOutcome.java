package io.ovl.doctor;

import java.util.Objects;

/**
 * What the probe found for one direction of one port: traffic from {@code source} to
 * {@code target}'s {@code address}.
 *
 * @param detail why it was not received or not probed; empty otherwise
 */
public record ProbeOutcome(String source, String target, String address, PortNeed need, Result result, String detail) {

    public enum Result {
        /** The listener on the target got the probe message from the source. */
        RECEIVED,
        /** The port was held on the target (dockerd, the store); a TCP connection to it succeeded. */
        CONNECTED,
        /** Nothing arrived. */
        NOT_RECEIVED,
        /** Could not be tried (host not reached, no perl, UDP port already held). */
        NOT_PROBED
    }

    public ProbeOutcome {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean reached() {
        return result == Result.RECEIVED || result == Result.CONNECTED;
    }

    /** "doctor-h2 -> doctor-h3 (198.18.144.13) udp/4789" */
    public String describe() {
        return source + " -> " + target + " (" + address + ") " + need.label();
    }
}
