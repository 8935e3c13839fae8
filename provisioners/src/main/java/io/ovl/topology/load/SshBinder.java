package io.ovl.topology.load;

import io.ovl.topology.Become;
import io.ovl.topology.HostKeyPolicy;
import io.ovl.topology.SshOverrides;
import java.util.List;

/** Reads an {@code ssh:} mapping (the file's defaults or one host's overrides). */
final class SshBinder {
    static final List<String> KEYS = List.of("user", "port", "identity-files", "known-hosts", "host-key-policy",
            "become", "proxy-jump", "connect-timeout", "command-timeout", "become-password-env");
    /** A portable environment variable name (POSIX: letters, digits, '_', not starting with a digit). */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private SshBinder() {
    }

    static SshOverrides read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        return new SshOverrides(
                m.string("user"),
                m.integer("port", 1, 65535),
                m.stringList("identity-files").map(l -> l.stream()
                        .flatMap(r -> ctx.resolvePath(r.value(), r.path(), r.position()).stream()).toList()),
                m.string("known-hosts").flatMap(v -> ctx.resolvePath(v, m.path("known-hosts"), m.node("known-hosts").orElseThrow().position())),
                m.choice("host-key-policy", HostKeyPolicy.class),
                m.choice("become", Become.class),
                m.string("proxy-jump").filter(j -> jumpPortValid(j, m, ctx)),
                m.duration("connect-timeout"),
                m.duration("command-timeout"),
                m.string("become-password-env").filter(v -> envNameValid(v, m, ctx)));
    }

    /**
     * {@code become-password-env} names a variable; its value is never echoed in the error, since a
     * value that is no variable name may well be the password itself, written where it must not be.
     */
    private static boolean envNameValid(String name, MapReader m, BindContext ctx) {
        if (ENV_NAME.matcher(name).matches()) {
            return true;
        }
        ctx.error(m.path("become-password-env"), m.node("become-password-env").orElseThrow().position(),
                "not the name of an environment variable (the value is not shown: it may be a password)",
                "name the variable that holds the sudo password, e.g. become-password-env: OVL_SUDO_PASSWORD,"
                        + " and export it; never write the password in this file");
        return false;
    }

    /** ProxyJump is [user@]host[:port] (a bracketed IPv6 host may carry a port too): the port, if any, is 1..65535. */
    private static boolean jumpPortValid(String jump, MapReader m, BindContext ctx) {
        String hostPort = jump.substring(jump.lastIndexOf('@') + 1);
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            port = close > 0 && hostPort.startsWith(":", close + 1) ? hostPort.substring(close + 2) : null;
        } else {
            int colon = hostPort.indexOf(':');
            port = colon >= 0 && colon == hostPort.lastIndexOf(':') ? hostPort.substring(colon + 1) : null;
        }
        if (port == null || (port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
            return true;
        }
        ctx.error(m.path("proxy-jump"), m.node("proxy-jump").orElseThrow().position(), "proxy-jump '" + jump
                + "' has port '" + port + "', not a number from 1 to 65535", "write it as [user@]host[:port], e.g. admin@bastion:2222");
        return false;
    }
}
