package io.ovl.net;

import io.ovl.facts.Fact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ovl net ls}: every overlay network any host lists, with its subnets and on which overlay
 * hosts it is visible. A network that a readable host which must see it misses is
 * {@link Entry#complete() incomplete}; which hosts must see it depends on the mode
 * ({@link CreatePlacement#mustSee}): in swarm mode a worker lists an overlay only while one of its
 * containers uses it, so a worker not listing one is normal, not missing.
 */
public record NetworkListing(List<Entry> networks, Map<String, String> unreadable) {
    public NetworkListing {
        networks = List.copyOf(networks);
        unreadable = Map.copyOf(unreadable);
    }

    /**
     * @param missingOn readable hosts that must see it and do not list it
     */
    /**
     * @param scope  Docker's scope as the first host that lists it says ("global" in kv mode, "swarm")
     * @param labels the network's labels, likewise
     */
    public record Entry(String name, String scope, Map<String, String> labels, List<String> subnets,
                        List<String> seenOn, List<String> missingOn) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scope, "scope");
            labels = Map.copyOf(labels);
            subnets = List.copyOf(subnets);
            seenOn = List.copyOf(seenOn);
            missingOn = List.copyOf(missingOn);
        }

        public boolean complete() {
            return missingOn.isEmpty();
        }
    }

    /**
     * Networks sorted by name; hosts in topology order.
     *
     * @param mustSee the hosts whose not listing a network makes it incomplete ({@link CreatePlacement#mustSee})
     */
    public static NetworkListing of(NetReadout readout, List<String> mustSee) {
        Map<String, OverlayNetwork> first = new LinkedHashMap<>();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String host : readout.hosts()) {
            Fact<List<OverlayNetwork>> f = readout.networks().get(host);
            for (OverlayNetwork n : f == null ? List.<OverlayNetwork>of() : f.value().orElse(List.of())) {
                first.putIfAbsent(n.name(), n);
                seen.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(host);
            }
        }
        Map<String, String> unreadable = readout.unreadable();
        List<Entry> entries = new ArrayList<>();
        seen.keySet().stream().sorted().forEach(name -> {
            List<String> missing = readout.hosts().stream()
                    .filter(h -> mustSee.contains(h) && !seen.get(name).contains(h) && !unreadable.containsKey(h)).toList();
            OverlayNetwork n = first.get(name);
            entries.add(new Entry(name, n.scope() == null ? "" : n.scope(), n.labels(), n.subnets(), seen.get(name), missing));
        });
        return new NetworkListing(entries, unreadable);
    }
}
