package io.ovl.doctor;

import io.ovl.topology.Host;
import java.util.Objects;
import java.util.Optional;

/**
 * A host after fact gathering.
 *
 * @param connectError why the host could not be reached (SSH), empty when it was
 * @param facts        what was learned; all unknown when the host was not reached
 */
public record GatheredHost(Host host, Optional<String> connectError, HostFacts facts) {
    public GatheredHost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectError, "connectError");
        Objects.requireNonNull(facts, "facts");
    }

    public static GatheredHost reached(Host host, HostFacts facts) {
        return new GatheredHost(host, Optional.empty(), facts);
    }

    public static GatheredHost unreachable(Host host, String error) {
        return new GatheredHost(host, Optional.of(error), HostFacts.nothingKnown(error));
    }

    public boolean reached() {
        return connectError.isEmpty();
    }

    public String name() {
        return host.name();
    }
}
