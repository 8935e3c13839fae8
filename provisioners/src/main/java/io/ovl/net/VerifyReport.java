package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.topology.HostSubset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@code net verify}: a probe per host (its overlay address, or why it has none) and
 * every ordered pair's checks, in host order.
 *
 * @param probes   host to the probe's overlay address, or to "error: ..." text when it did not start
 * @param pairs    from each host to each other host, in host order
 * @param cleanup  problems removing probes, one per host that kept one (empty when all were removed)
 */
public record VerifyReport(String network, String image, List<String> hosts, Map<String, Probe> probes,
                           List<PairResult> pairs, List<String> cleanup) {
    public VerifyReport {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(image, "image");
        hosts = List.copyOf(hosts);
        probes = Map.copyOf(probes);
        pairs = List.copyOf(pairs);
        cleanup = List.copyOf(cleanup);
    }

    /** A host's probe: its container and overlay address, or the reason it did not start. */
    public record Probe(String container, Optional<String> address, Optional<String> error) {
    }

    /**
     * The pairs that involve a host of {@code subset} ({@code --hosts}): every probe still ran (the
     * others are the peers the subset must reach), only these pairs are reported and judged.
     */
    public VerifyReport only(HostSubset subset) {
        if (subset.all()) {
            return this;
        }
        return new VerifyReport(network, image, hosts, probes, pairs.stream()
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
    static List<PairResult> pairs(List<String> hosts, Map<String, Probe> probes,
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
                    out.add(PairResult.allFailed(from, to, "no probe on " + from + reason(src)));
                } else if (dst == null || dst.address().isEmpty()) {
                    out.add(PairResult.allFailed(from, to, "no probe on " + to + reason(dst)));
                } else {
                    Map<String, Map<ProbeCheck, PairResult.Outcome>> results = bySource.getOrDefault(from, Map.of());
                    out.add(new PairResult(from, to, results.getOrDefault(dst.container(), Map.of())));
                }
            }
        }
        return out;
    }

    private static String reason(Probe p) {
        return p == null ? "" : p.error().map(e -> ": " + e).orElse("");
    }
}
