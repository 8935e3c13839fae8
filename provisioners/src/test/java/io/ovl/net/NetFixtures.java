package io.ovl.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Captured real outputs (from a lab host, Docker 20.10, see src/test/resources/net) and small builders. */
final class NetFixtures {
    private NetFixtures() {
    }

    static String resource(String name) {
        try (var in = NetFixtures.class.getResourceAsStream("/net/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /net/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OverlayNetwork overlay(String name, String id, String subnet, List<OverlayNetwork.Endpoint> endpoints) {
        return new OverlayNetwork(name, id, "overlay", "global", false, false,
                List.of(new OverlayNetwork.Ipam(subnet, java.util.Optional.empty(), java.util.Optional.empty(), Map.of())),
                Map.of(), Map.of(), endpoints);
    }

    static OverlayNetwork.Endpoint endpoint(String container, String ipv4) {
        return new OverlayNetwork.Endpoint(container, ipv4, "", "02:42:00:00:00:01");
    }
}
