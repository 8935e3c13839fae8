package io.ovl.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * One machine. {@code address} is where SSH connects (IP, DNS name or ~/.ssh/config alias);
 * {@code advertise} is the interface or IP other hosts reach it on (default: address).
 * {@code role} is the swarm role as written; use {@link Topology#swarmRole(Host)} for the
 * effective one. {@code ssh} is already merged with the file's defaults.
 */
public record Host(
        String name, String address, boolean overlay, Optional<String> advertise, Optional<SwarmRole> role, SshSettings ssh) {
    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(advertise, "advertise");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(ssh, "ssh");
    }

    /** A host that takes part in the overlay, with default SSH settings. */
    public static Host of(String name, String address) {
        return new Host(name, address, true, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
    }

    /** The address other hosts use for this host: advertise if set, else address. */
    public String advertiseOrAddress() {
        return advertise.orElse(address);
    }
}
