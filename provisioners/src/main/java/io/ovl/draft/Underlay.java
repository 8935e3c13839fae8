package io.ovl.draft;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.IpFamily;
import io.ovl.facts.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which interface of a host carries the overlay: the one whose routes reach the other hosts'
 * addresses. Pure functions of a host's facts ({@code ip -j addr}, {@code ip -j route},
 * {@code docker network inspect}); IPv4, the main routing table (policy routing is not read).
 */
public final class Underlay {
    /** Interfaces Docker makes (its bridges, the host ends of its veth pairs, overlay and VXLAN devices): never the underlay. */
    private static final Pattern DOCKER_MADE = Pattern.compile("docker0|docker_gwbridge|br-[0-9a-f]{12}|veth.*|vx-.*|ov-.*");

    private Underlay() {
    }

    /** What one host shows: its interfaces, routes and Docker networks (empty lists when unknown). */
    public record View(String name, Optional<IpAddress> connectIp, List<HostInterface> interfaces, List<Route> routes,
                       List<DockerNetwork> dockerNetworks) {
        public View {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(connectIp, "connectIp");
            interfaces = List.copyOf(interfaces);
            routes = List.copyOf(routes);
            dockerNetworks = List.copyOf(dockerNetworks);
        }
    }

    /** How a host reaches one peer address: over {@code device}, on-link or via a gateway, by a specific or the default route. */
    public record Reach(String peer, IpAddress address, String device, Optional<String> via, boolean byDefault) {
        /** "h2 198.18.0.12 (on-link)", "h3 198.18.1.13 (via 198.18.0.254, default route)". */
        public String describe() {
            String how = via.map(v -> "via " + v).orElse("on-link") + (byDefault ? ", default route" : "");
            return peer + " " + address + " (" + how + ")";
        }
    }

    /**
     * The chosen interface and address, or none (then {@code reasons} say why).
     *
     * @param reached   the peers the chosen interface reaches, how
     * @param elsewhere peers reached over another interface, or not at all (text for the operator to review)
     */
    public record Choice(Optional<String> device, Optional<InterfaceAddress> address, int mtu, List<Reach> reached,
                         List<String> elsewhere, String reason) {
        public Choice {
            reached = List.copyOf(reached);
            elsewhere = List.copyOf(elsewhere);
        }
    }

    /**
     * The addresses other hosts may reach this host on: the address SSH connected to when it is an
     * IPv4 address on one of its interfaces (what the operator typed), else every global IPv4
     * address on an interface that is up and not made by Docker.
     */
    public static List<IpAddress> peerAddresses(View host) {
        List<IpAddress> candidates = candidates(host).stream().map(c -> IpAddress.parse(c.address().address())).toList();
        if (host.connectIp().isPresent() && candidates.contains(host.connectIp().get())) {
            return List.of(host.connectIp().get());
        }
        return candidates;
    }

    /** Global IPv4 addresses on interfaces that are up, not loopback, not Docker's, outside every Docker network's subnet. */
    static List<Candidate> candidates(View host) {
        List<Candidate> out = new ArrayList<>();
        for (HostInterface i : host.interfaces()) {
            // Not kind "veth": a container's or network namespace's eth0 is one end of a veth pair.
            if (!i.isUp() || i.flags().contains("LOOPBACK") || i.linkType().equals("loopback")
                    || DOCKER_MADE.matcher(i.name()).matches() || i.kind().filter(k -> k.equals("vxlan")).isPresent()) {
                continue;
            }
            for (InterfaceAddress a : i.addresses(IpFamily.INET)) {
                Optional<IpAddress> ip = IpAddress.tryParse(a.address());
                if (a.scope().equals("global") && ip.isPresent() && host.dockerNetworks().stream()
                        .flatMap(d -> d.subnets().stream()).noneMatch(p -> p.network().contains(ip.get()))) {
                    out.add(new Candidate(i, a));
                }
            }
        }
        return out;
    }

    record Candidate(HostInterface iface, InterfaceAddress address) {
    }

    /**
     * The route {@code host} takes to {@code destination}: the longest matching IPv4 route of its
     * main table (lowest metric among equals). Empty when none matches, or the match is a
     * blackhole, unreachable or prohibit route, or has no device.
     */
    public static Optional<Route> route(List<Route> routes, IpAddress destination) {
        Optional<Route> best = routes.stream()
                .filter(r -> r.destination().family() == IpFamily.INET)
                .filter(r -> prefix(r).map(p -> p.contains(destination)).orElse(false))
                .max(Comparator.comparingInt((Route r) -> r.destination().length())
                        .thenComparing(r -> -r.metric().orElse(0)));
        return best.filter(r -> r.type().equals("unicast") && r.device().isPresent());
    }

    private static Optional<Prefix> prefix(Route r) {
        return Prefix.tryParse(r.destination().toString()).map(Prefix::network);
    }

    /**
     * The interface of {@code self} whose routes reach the most of {@code peers} (each peer by any
     * of its {@link #peerAddresses}; a specific route beats the default route, on-link beats a
     * gateway). Ties: more peers by specific routes, then the interface SSH connected to, then
     * the name. With no peers: the interface holding the address SSH connected to, else the one
     * of the default route.
     */
    public static Choice choose(View self, List<View> peers) {
        List<Candidate> own = candidates(self);
        if (own.isEmpty()) {
            return new Choice(Optional.empty(), Optional.empty(), 0, List.of(), List.of(),
                    "no interface that is up has a global IPv4 address outside Docker's networks");
        }
        Optional<String> connectDevice = self.connectIp().flatMap(ip -> own.stream()
                .filter(c -> c.address().address().equals(ip.toString())).map(c -> c.iface().name()).findFirst());
        Map<String, List<Reach>> byDevice = new LinkedHashMap<>();
        List<String> unreached = new ArrayList<>();
        for (View peer : peers) {
            Optional<Reach> best = Optional.empty();
            for (IpAddress a : peerAddresses(peer)) {
                Optional<Reach> r = route(self.routes(), a).map(rt -> new Reach(peer.name(), a, rt.device().get(),
                        rt.via(), rt.isDefault() || rt.destination().length() == 0));
                if (r.isPresent() && (best.isEmpty() || rank(r.get()) < rank(best.get()))) {
                    best = r;
                }
            }
            if (best.isEmpty()) {
                unreached.add(peer.name() + " (" + addresses(peer) + "): no route from here");
            } else {
                byDevice.computeIfAbsent(best.get().device(), d -> new ArrayList<>()).add(best.get());
            }
        }
        String device;
        String reason;
        List<Reach> reached;
        if (byDevice.isEmpty()) {
            device = connectDevice.orElseGet(() -> self.routes().stream().filter(Route::isDefault)
                    .flatMap(r -> r.device().stream()).filter(d -> own.stream().anyMatch(c -> c.iface().name().equals(d)))
                    .findFirst().orElse(own.get(0).iface().name()));
            reached = List.of();
            reason = peers.isEmpty()
                    ? (connectDevice.isPresent() ? "the only host; the interface SSH reached it on"
                            : "the only host; the interface of its default route")
                    : "no route reaches another host; " + (connectDevice.isPresent()
                            ? "the interface SSH reached it on" : "the interface of its default route");
        } else {
            Comparator<Map.Entry<String, List<Reach>>> order = Comparator
                    .comparingInt((Map.Entry<String, List<Reach>> e) -> e.getValue().size())
                    .thenComparingLong(e -> e.getValue().stream().filter(r -> !r.byDefault()).count())
                    .thenComparing(e -> connectDevice.map(e.getKey()::equals).orElse(false))
                    .reversed().thenComparing(Map.Entry::getKey);
            Map.Entry<String, List<Reach>> top = byDevice.entrySet().stream().sorted(order).findFirst().get();
            device = top.getKey();
            reached = top.getValue();
            reason = "its routes reach " + String.join(", ", reached.stream().map(Reach::describe).toList());
            for (Map.Entry<String, List<Reach>> e : byDevice.entrySet()) {
                if (!e.getKey().equals(device)) {
                    e.getValue().forEach(r -> unreached.add(r.peer() + " is reached over " + r.device() + ", not "
                            + device + " (" + r.describe() + ")"));
                }
            }
        }
        Optional<Candidate> address = pick(own, device, self.connectIp(), reached.isEmpty() ? Optional.empty()
                : route(self.routes(), reached.get(0).address()).flatMap(Route::source));
        int mtu = self.interfaces().stream().filter(i -> i.name().equals(device)).mapToInt(HostInterface::mtu).findFirst().orElse(0);
        if (address.isEmpty()) {
            return new Choice(Optional.of(device), Optional.empty(), mtu, reached, unreached,
                    reason + "; but " + device + " has no usable IPv4 address");
        }
        return new Choice(Optional.of(device), Optional.of(address.get().address()), mtu, reached, unreached, reason);
    }

    /** Lower is better: specific on-link, specific via a gateway, default route. */
    private static int rank(Reach r) {
        return r.byDefault() ? 2 : r.via().isPresent() ? 1 : 0;
    }

    /** On {@code device}: the address SSH connected to, else the routes' preferred source, else the first. */
    private static Optional<Candidate> pick(List<Candidate> own, String device, Optional<IpAddress> connectIp,
                                            Optional<String> source) {
        List<Candidate> on = own.stream().filter(c -> c.iface().name().equals(device)).toList();
        for (Optional<String> wanted : List.of(connectIp.map(IpAddress::toString), source)) {
            Optional<Candidate> hit = on.stream().filter(c -> wanted.map(c.address().address()::equals).orElse(false)).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
        }
        return on.stream().findFirst();
    }

    private static String addresses(View peer) {
        List<IpAddress> a = peerAddresses(peer);
        return a.isEmpty() ? "no candidate address" : String.join(", ", a.stream().map(IpAddress::toString).toList());
    }
}
