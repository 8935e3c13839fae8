package io.ovl.net;

import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The overlay hosts a net command works on, in topology order, each with its shell or the reason it
 * could not be reached. Built from the sessions init opens ({@link OpenHosts}) so both read hosts the
 * same way; unit tests build it from fake shells.
 *
 * @param names       the overlay hosts, in topology order
 * @param shells      the reached ones
 * @param unreachable why each of the others could not be reached
 */
public record NetHosts(List<String> names, Map<String, RemoteShell> shells, Map<String, String> unreachable) {
    public NetHosts {
        names = List.copyOf(names);
        shells = Map.copyOf(shells);
        unreachable = Map.copyOf(unreachable);
        for (String n : names) {
            if (!shells.containsKey(n) && !unreachable.containsKey(n)) {
                throw new IllegalArgumentException("host " + n + " has neither a shell nor a reason");
            }
        }
    }

    /** The overlay hosts of {@code topology} from sessions opened for all of its hosts. */
    public static NetHosts of(Topology topology, OpenHosts open) {
        Map<String, RemoteShell> shells = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<String> names = topology.overlayHosts().stream().map(Host::name).toList();
        for (String n : names) {
            Optional<HostHandle> h = open.get(n);
            if (h.isPresent()) {
                shells.put(n, h.get().shell());
            } else {
                unreachable.put(n, open.whyUnreachable(n).orElse("not reached"));
            }
        }
        return new NetHosts(names, shells, unreachable);
    }

    public Optional<RemoteShell> shell(String host) {
        return Optional.ofNullable(shells.get(Objects.requireNonNull(host)));
    }

    public List<String> reached() {
        return names.stream().filter(shells::containsKey).toList();
    }
}
