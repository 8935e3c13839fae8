package io.ovl.topology.load;

import io.ovl.topology.Host;
import io.ovl.topology.SshOverrides;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import java.util.List;

/**
 * Reads one entry of {@code hosts:}. A missing name or address is left empty here and reported
 * by the validator, so that the entry keeps its index and later paths stay right.
 */
final class HostBinder {
    static final List<String> KEYS = List.of("name", "address", "overlay", "advertise", "role", "ssh");

    private HostBinder() {
    }

    static Host read(YNode node, String path, SshSettings sshDefaults, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        SshOverrides ssh = m.node("ssh").map(n -> SshBinder.read(n, m.path("ssh"), ctx)).orElse(SshOverrides.NONE);
        return new Host(
                m.string("name").orElse(""),
                m.string("address").orElse(""),
                m.bool("overlay").orElse(true),
                m.string("advertise"),
                m.choice("role", SwarmRole.class),
                sshDefaults.merge(ssh));
    }
}
