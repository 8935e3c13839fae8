package io.ovl.net;

import io.ovl.facts.Fact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ovl net inspect}: one overlay network as all overlay hosts see it. The definition is the
 * first host's (they share it through the store or the swarm); endpoints are per host, since each
 * host reports only its own containers.
 *
 * @param definition  the network as the first host that lists it shows it
 * @param endpoints   per host that lists it, the containers attached there
 * @param missingOn   readable hosts that must see it ({@link CreatePlacement#mustSee}) and do not list it
 * @param unreadable  hosts that could not be read, with why
 * @param idsDiffer   true when hosts list networks of this name with different ids (two networks, not one)
 */
public record MergedNetwork(OverlayNetwork definition, Map<String, List<OverlayNetwork.Endpoint>> endpoints,
                            List<String> seenOn, List<String> missingOn, Map<String, String> unreadable, boolean idsDiffer) {
    public MergedNetwork {
        Objects.requireNonNull(definition, "definition");
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        seenOn = List.copyOf(seenOn);
        missingOn = List.copyOf(missingOn);
        unreadable = Map.copyOf(unreadable);
    }

    /**
     * Empty when no overlay host lists a network of that name (by name or full id).
     *
     * @param mustSee the hosts that count as missing it when they do not list it ({@link CreatePlacement#mustSee});
     *                other hosts (swarm workers without a container on it) are neither seen nor missing
     */
    public static Optional<MergedNetwork> of(String name, NetReadout readout, List<String> mustSee) {
        OverlayNetwork first = null;
        Map<String, List<OverlayNetwork.Endpoint>> endpoints = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String host : readout.hosts()) {
            Fact<List<OverlayNetwork>> f = readout.networks().get(host);
            for (OverlayNetwork n : f == null ? List.<OverlayNetwork>of() : f.value().orElse(List.of())) {
                if (n.name().equals(name) || n.id().equals(name)) {
                    first = first == null ? n : first;
                    endpoints.put(host, n.endpoints());
                    seen.add(host);
                    ids.add(n.id());
                }
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        Map<String, String> unreadable = readout.unreadable();
        List<String> missing = readout.hosts().stream().filter(h -> mustSee.contains(h) && !seen.contains(h) && !unreadable.containsKey(h)).toList();
        return Optional.of(new MergedNetwork(first, endpoints, seen, missing, unreadable, ids.size() > 1));
    }

    /** "web1 on h3" for every attached container, hosts in topology order. */
    public List<String> attached() {
        List<String> out = new ArrayList<>();
        endpoints.forEach((host, list) -> list.forEach(e -> out.add(e.container() + " on " + host)));
        return out;
    }
}
