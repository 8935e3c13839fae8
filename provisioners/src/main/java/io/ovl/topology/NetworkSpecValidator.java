package io.ovl.topology;

import io.ovl.addressing.AddressingRules;
import io.ovl.addressing.IpVersion;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that can be checked about one network on its own: name, addressing (IPv4 and IPv6,
 * see {@link AddressingRules}), label names, driver option names and MTU. Used for each network of a topology and by
 * {@code ovl net create}. Paths in the findings are the topology keys ("ip-range",
 * "aux-addresses.ip2", "subnet[1]" of a dual-stack network), relative to the network. Which subnet an
 * ip-range, gateway or aux address belongs to was decided before ({@link io.ovl.addressing.IpamPools}).
 */
public final class NetworkSpecValidator {
    /** IPv4's minimum MTU (RFC 791) up to the usual jumbo frame size. */
    public static final int MIN_MTU = 68;
    public static final int MAX_MTU = 9000;
    /** The driver options ovl models as {@link NetworkSpec#encrypted()} and {@link NetworkSpec#mtu()}. */
    public static final String ENCRYPTED_OPTION = "encrypted";
    public static final String MTU_OPTION = "com.docker.network.driver.mtu";

    private NetworkSpecValidator() {
    }

    public static List<Finding> validate(NetworkSpec spec) {
        List<Finding> out = new ArrayList<>();
        DockerNetworkName.check(spec.name()).ifPresent(out::add);
        pools(spec, out);
        spec.labels().forEach((key, value) -> {
            if (key.isBlank()) {
                out.add(Finding.error("labels." + key, "label '" + key + "=" + value + "' has no name",
                        "give it a name: com.example.team=" + value + " with --label, com.example.team: " + value
                                + " in a topology file"));
            }
        });
        spec.options().forEach((key, value) -> option(key, value).ifPresent(out::add));
        spec.mtu().ifPresent(mtu -> {
            if (mtu < MIN_MTU || mtu > MAX_MTU) {
                out.add(Finding.error("mtu", "mtu " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU,
                        "overlay traffic needs 50 bytes of headroom (70 over an IPv6 underlay): use the underlay MTU minus 50, e.g. 1450"));
            }
        });
        return List.copyOf(out);
    }

    /**
     * A driver option other than encrypted and the MTU: a name Docker can take as {@code --opt KEY=VALUE},
     * and not one of the two ovl models itself (their own keys check them). What Docker does with the
     * option is Docker's business: ovl does not guess.
     */
    private static Optional<Finding> option(String key, String value) {
        String path = "options." + key;
        if (key.isEmpty()) {
            return Optional.of(Finding.error(path, "driver option '=" + value + "' has no name",
                    "give it a name, e.g. com.docker.network.driver.overlay.vxlanid_list=" + value));
        }
        if (key.chars().anyMatch(c -> c == '=' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of(Finding.error(path, "driver option name '" + key
                            + "' contains '=', a space or a control character",
                    "write it as --opt KEY=VALUE, KEY: VALUE under options: in a topology file"));
        }
        if (key.equals(ENCRYPTED_OPTION)) {
            return Optional.of(Finding.error(path, "encryption is ovl's own key, not a driver option",
                    "write encrypted: true beside options: (or --opt encrypted)"));
        }
        if (key.equals(MTU_OPTION)) {
            return Optional.of(Finding.error(path, "the MTU is ovl's own key, not a driver option",
                    "write mtu: " + (value.isBlank() ? "1450" : value) + " beside options: (or --mtu)"));
        }
        return Optional.empty();
    }

    /**
     * Each pool on its own ({@link AddressingRules}), then at most one subnet per address family: with
     * one IPv4 and one IPv6 subnet every ip-range, gateway and aux address has exactly one subnet it can
     * belong to, and a network's subnets cannot overlap each other. (Docker takes several subnets of
     * one family; ovl does not, so far.) With several pools a subnet is named by its place,
     * "subnet[1]", as written in a list.
     */
    private static void pools(NetworkSpec spec, List<Finding> out) {
        List<IpamPool> pools = spec.pools();
        Map<IpVersion, Prefix> firstOfFamily = new EnumMap<>(IpVersion.class);
        for (int i = 0; i < pools.size(); i++) {
            IpamPool pool = pools.get(i);
            String subnetPath = pools.size() == 1 ? "subnet" : "subnet[" + i + "]";
            for (Finding f : AddressingRules.check(pool)) {
                out.add(f.subject().equals("subnet") ? f.about(subnetPath) : f);
            }
            Prefix first = firstOfFamily.putIfAbsent(pool.version(), pool.subnetNetwork());
            if (first != null) {
                out.add(Finding.error(subnetPath, "a second " + pool.version() + " subnet " + pool.subnet() + " (the first is "
                                + first + "): ovl supports one subnet per address family, one IPv4 and one IPv6",
                        "keep one " + pool.version() + " subnet, a larger one if you need more addresses"));
            }
        }
    }
}
