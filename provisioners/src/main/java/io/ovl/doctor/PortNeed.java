package io.ovl.doctor;

import io.ovl.facts.Protocol;
import java.util.Objects;
import java.util.Set;

/**
 * A port a host must be able to bind and that other hosts must reach; or, with protocol
 * {@link Protocol#ESP}, IP protocol 50 that other hosts must be able to send it ({@code port} is
 * then the protocol number, 50).
 *
 * @param purpose   why, for messages ("overlay control (serf)")
 * @param holders   process names that may already hold it once ovl has set the host up
 *                  ("dockerd"); the empty string stands for the kernel (no process), as for
 *                  the VXLAN UDP port
 * @param sources   topology names of the hosts that must reach it
 */
public record PortNeed(Protocol protocol, int port, String purpose, Set<String> holders, Set<String> sources) {
    public PortNeed {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(purpose, "purpose");
        holders = Set.copyOf(holders);
        sources = Set.copyOf(sources);
    }

    /** "tcp/7946"; "esp" for IP protocol 50, which has no port. */
    public String label() {
        return protocol == Protocol.ESP ? "esp" : protocol.lowerName() + "/" + port;
    }
}
