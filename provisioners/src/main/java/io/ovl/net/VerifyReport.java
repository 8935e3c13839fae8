package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.topology.HostSubset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of {@code net verify}: a probe per host (its overlay address, or why it has none) and
 * every ordered pair's checks, in host order.
 *
 * @param checks   what was tested for every pair: {@link ProbeCheck#IPV4}, plus {@link ProbeCheck#IPV6} when
 *                 the network has IPv6 (unless {@code --family} narrowed it)
 * @param probes   host to the probe's overlay address, or to "error: ..." text when it did not start
 * @param pairs    from each host to each other host, in host order
 * @param cleanup  problems removing probes, one per host that kept one (empty when all were removed)
 */
public record VerifyReport(String network, String image, Set<ProbeCheck> checks, List<String> hosts,
                           Map<String, Probe> probes, List<PairResult> pairs, List<String> cleanup) {
    public VerifyReport {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(image, "image");
        checks = checks.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(checks));
        hosts = List.copyOf(hosts);
        probes = Map.copyOf(probes);
        pairs = List.copyOf(pairs);
        cleanup = List.copyOf(cleanup);
    }

    /**
     * A host's probe: its container and overlay addresses, or the reason it did not start.
     *
     * @param address its IPv4 address on the network (every overlay on these engines has one)
     * @param ipv6    its IPv6 address, on a network with IPv6 enabled
     */
    public record Probe(String container, Optional<String> address, Optional<String> ipv6, Optional<String> error) {
        /** A probe on a network without IPv6. */
        public Probe(String container, Optional<String> address, Optional<String> error) {
            this(container, address, Optional.empty(), error);
        }
    }

    /**
     * The pairs that involve a host of {@code subset} ({@code --hosts}): every probe still ran (the
     * others are the peers the subset must reach), only these pairs are reported and judged.
     */
    public VerifyReport only(HostSubset subset) {
        if (subset.all()) {
            return this;
        }
        return new VerifyReport(network, image, checks, hosts, probes, pairs.stream()
                .filter(p -> subset.contains(p.from()) || subset.contains(p.to())).toList(), cleanup);
    }

    public List<PairResult> failing() {
        return pairs.stream().filter(p -> !p.ok()).toList();
    }

    /** Pairs that passed, but with a check that needed a retry ({@link PairResult#warnings()}). */
    public List<PairResult> warned() {
        return pairs.stream().filter(p -> p.ok() && !p.warnings().isEmpty()).toList();
    }

    /**
     * When every failing pair whose two probes started involves one host, and pairs both to and
     * from it fail, and no other host is in every such pair, that host: the overlay's traffic into it is lost. With three or more hosts this
     * separates "one host drops VXLAN" from a network-wide problem. Empty otherwise.
     */
    public Optional<String> suspect() {
        List<PairResult> broken = failing().stream()
                .filter(p -> probes.get(p.from()).address().isPresent() && probes.get(p.to()).address().isPresent())
                .toList();
        if (hosts.size() < 3 || broken.isEmpty()) {
            return Optional.empty();
        }
        List<String> common = hosts.stream()
                .filter(h -> broken.stream().allMatch(p -> p.from().equals(h) || p.to().equals(h)))
                .filter(h -> broken.stream().anyMatch(p -> p.to().equals(h)) && broken.stream().anyMatch(p -> p.from().equals(h)))
                .toList();
        // Two hosts that only fail with each other could be either: name neither.
        return common.size() == 1 ? Optional.of(common.get(0)) : Optional.empty();
    }

    /** What to check when {@link #suspect()} names a host: the ports the overlay's traffic needs there. */
    public Optional<String> diagnosis() {
        return suspect().map(h -> "every failing pair involves " + h + ": overlay traffic to and from " + h
                + " is lost. The overlay carries it over VXLAN, udp/4789 (or swarm's data-path-port), with gossip"
                + " on tcp/7946 and udp/7946: check that these are allowed in on " + h
                + " (iptables/nftables, security groups); `ovl doctor` probes them with real traffic");
    }

    /**
     * Pairs where IPv4 crosses but an IPv6 check with two distinct addresses failed: what Docker's
     * overlay driver does today (below). Empty when IPv6 was not tested or passed.
     */
    public List<PairResult> ipv6Only() {
        return failing().stream()
                .filter(p -> p.outcomes().containsKey(ProbeCheck.ICMP) && p.outcomes().get(ProbeCheck.ICMP).ok())
                .filter(p -> p.failed().stream().anyMatch(ProbeCheck::ipv6))
                .filter(p -> ipv6Refusal(p.from(), probes.get(p.from()), p.to(), probes.get(p.to())).isEmpty())
                .toList();
    }

    /**
     * Why IPv6 failed where IPv4 passed, when it did. Docker's overlay driver writes neighbour
     * entries into the overlay's namespace for its peers' IPv4 addresses only, so a container's IPv6
     * neighbour solicitation for a container on another host is never answered (open upstream as
     * moby/moby#47125; seen on the lab's Engine 20.10 kv and Engine 26 swarm hosts).
     */
    public Optional<String> ipv6Diagnosis() {
        if (ipv6Only().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("IPv4 crosses between these hosts but IPv6 does not: Docker's overlay driver programs"
                + " neighbour entries for its peers' IPv4 addresses only, so IPv6 between containers on different"
                + " hosts is not carried (moby/moby#47125, open upstream). Use the network's IPv4 side between"
                + " hosts; `ovl net verify --family ipv4` verifies just that");
    }

    /**
     * Why a pair's IPv6 checks cannot run, when they cannot: a probe without an IPv6 address, or two
     * probes that Docker gave the same one. Swarm mode allocates an overlay's IPv6 addresses per node
     * (docker/for-linux#973), so the first container on every node gets the same address; pinging
     * it would answer from the sender itself and pass, which is why it is refused here. Pure.
     */
    static Optional<String> ipv6Refusal(String from, Probe src, String to, Probe dst) {
        if (src == null || src.ipv6().isEmpty()) {
            return Optional.of("the probe on " + from + " has no IPv6 address");
        }
        if (dst == null || dst.ipv6().isEmpty()) {
            return Optional.of("the probe on " + to + " has no IPv6 address");
        }
        if (src.ipv6().get().equals(dst.ipv6().get())) {
            return Optional.of("the probes on " + from + " and " + to + " both got IPv6 address " + src.ipv6().get()
                    + ": Docker gave one address on two hosts (swarm mode allocates an overlay's IPv6 addresses per"
                    + " node, docker/for-linux#973), so neither can reach the other by it");
        }
        return Optional.empty();
    }

    /** At least two hosts were probed and every pair passed (a pair with warnings passed). */
    public boolean passed() {
        return hosts.size() >= 2 && failing().isEmpty();
    }

    public ExitCode exitCode() {
        return passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
    }

    /** The pair from {@code from} to {@code to}; absent on the diagonal. */
    public Optional<PairResult> pair(String from, String to) {
        return pairs.stream().filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst();
    }

    /**
     * Builds the pairs from each source host's parsed script output ({@link ProbeScript#parse}).
     * A pair whose source or target probe did not start fails every check, saying which.
     */
    static List<PairResult> pairs(List<String> hosts, Set<ProbeCheck> checks, Map<String, Probe> probes,
                                  Map<String, Map<String, Map<ProbeCheck, PairResult.Outcome>>> bySource) {
        List<PairResult> out = new ArrayList<>();
        for (String from : hosts) {
            for (String to : hosts) {
                if (from.equals(to)) {
                    continue;
                }
                Probe src = probes.get(from);
                Probe dst = probes.get(to);
                if (src == null || src.address().isEmpty()) {
                    out.add(PairResult.allFailed(from, to, checks, "no probe on " + from + reason(src)));
                } else if (dst == null || dst.address().isEmpty()) {
                    out.add(PairResult.allFailed(from, to, checks, "no probe on " + to + reason(dst)));
                } else {
                    Map<String, Map<ProbeCheck, PairResult.Outcome>> results = bySource.getOrDefault(from, Map.of());
                    Map<ProbeCheck, PairResult.Outcome> got = new EnumMap<>(ProbeCheck.class);
                    got.putAll(results.getOrDefault(dst.container(), Map.of()));
                    if (checks.stream().anyMatch(ProbeCheck::ipv6)) {
                        ipv6Refusal(from, src, to, dst).ifPresent(why -> ProbeCheck.IPV6.forEach(
                                c -> got.put(c, new PairResult.Outcome(false, why))));
                    }
                    out.add(PairResult.of(from, to, checks, got));
                }
            }
        }
        return out;
    }

    private static String reason(Probe p) {
        return p == null ? "" : p.error().map(e -> ": " + e).orElse("");
    }
}
