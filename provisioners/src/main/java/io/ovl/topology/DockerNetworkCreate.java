package io.ovl.topology;

import java.util.ArrayList;
import java.util.List;

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
        spec.subnet().ifPresent(s -> a.addAll(List.of("--subnet", s.toString())));
        spec.ipRange().ifPresent(r -> a.addAll(List.of("--ip-range", r.toString())));
        spec.gateway().ifPresent(g -> a.addAll(List.of("--gateway", g.toString())));
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
        spec.labels().forEach((k, v) -> a.addAll(List.of("--label", k + "=" + v)));
        a.add(spec.name());
        return List.copyOf(a);
    }
}
