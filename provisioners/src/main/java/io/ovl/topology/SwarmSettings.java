package io.ovl.topology;

import io.ovl.addressing.Prefix;
import java.util.List;

/** Options of {@code docker swarm init}; all optional in the file. */
public record SwarmSettings(int dataPathPort, List<Prefix> defaultAddressPool) {
    public static final int DEFAULT_DATA_PATH_PORT = 4789;
    public static final SwarmSettings DEFAULTS = new SwarmSettings(DEFAULT_DATA_PATH_PORT, List.of());

    public SwarmSettings {
        defaultAddressPool = List.copyOf(defaultAddressPool);
    }
}
