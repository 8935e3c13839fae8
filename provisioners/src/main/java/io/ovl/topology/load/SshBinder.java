package io.ovl.topology.load;

import io.ovl.topology.Become;
import io.ovl.topology.HostKeyPolicy;
import io.ovl.topology.SshOverrides;
import java.util.List;

/** Reads an {@code ssh:} mapping (the file's defaults or one host's overrides). */
final class SshBinder {
    static final List<String> KEYS = List.of("user", "port", "identity-files", "known-hosts", "host-key-policy",
            "become", "proxy-jump", "connect-timeout", "command-timeout");

    private SshBinder() {
    }

    static SshOverrides read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        return new SshOverrides(
                m.string("user"),
                m.integer("port", 1, 65535),
                m.stringList("identity-files").map(l -> l.stream().map(r -> ctx.resolvePath(r.value())).toList()),
                m.string("known-hosts").map(ctx::resolvePath),
                m.choice("host-key-policy", HostKeyPolicy.class),
                m.choice("become", Become.class),
                m.string("proxy-jump"),
                m.duration("connect-timeout"),
                m.duration("command-timeout"));
    }

}
