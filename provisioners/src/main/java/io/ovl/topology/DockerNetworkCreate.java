package io.ovl.topology;

import io.ovl.addressing.IpamPool;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The arguments of {@code docker network create} that create a {@link NetworkSpec}, as a list (no
 * shell string: whoever runs or prints it quotes each argument). Shows a reviewer exactly what ovl
 * means by each key.
 */
public final class DockerNetworkCreate {
    private DockerNetworkCreate() {
    }

    public static List<String> args(NetworkSpec spec) {
        List<String> a = new ArrayList<>(List.of("docker", "network", "create", "--driver", "overlay"));
        if (ipv6(spec)) {
            // Without it Docker refuses an IPv6 subnet ("IPv6 is not enabled"), or in kv mode leaves
            // the containers without their IPv6 address.
            a.add("--ipv6");
        }
        // Pool by pool; Docker gives each ip-range, gateway and aux address to the subnet that contains it.
        for (IpamPool pool : spec.pools()) {
            a.addAll(List.of("--subnet", pool.subnet().toString()));
            pool.ipRange().ifPresent(r -> a.addAll(List.of("--ip-range", r.toString())));
            pool.gateway().ifPresent(g -> a.addAll(List.of("--gateway", g.toString())));
        }
        spec.auxAddresses().forEach((k, v) -> a.addAll(List.of("--aux-address", k + "=" + v)));
        if (spec.internal()) {
            a.add("--internal");
        }
        if (spec.attachable()) {
            a.add("--attachable");
        }
        if (spec.encrypted()) {
            a.addAll(List.of("--opt", "encrypted"));
        }
        spec.mtu().ifPresent(m -> a.addAll(List.of("--opt", "com.docker.network.driver.mtu=" + m)));
        // The other driver options by key, so the same network always gives the same command.
        new TreeMap<>(spec.options()).forEach((k, v) -> a.addAll(List.of("--opt", k + "=" + v)));
        spec.labels().forEach((k, v) -> a.addAll(List.of("--label", k + "=" + v)));
        a.add(spec.name());
        return List.copyOf(a);
    }

    /** Whether the network has an IPv6 subnet, which Docker only creates with IPv6 enabled. */
    public static boolean ipv6(NetworkSpec spec) {
        return spec.ipv6();
    }
}
