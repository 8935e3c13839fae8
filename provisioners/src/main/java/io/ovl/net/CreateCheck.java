package io.ovl.net;

import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.SubnetClashes;
import io.ovl.topology.NetworkSpec;
import io.ovl.addressing.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live checks of {@code net create} on every overlay host, decided from facts read before
 * anything changes. Any problem blocks the create: a host that cannot be read cannot be promised a
 * safe subnet, and would not be confirmed to see the network either.
 */
public record CreateCheck(List<HostCheck> hosts) {
    public CreateCheck {
        hosts = List.copyOf(hosts);
    }

    /**
     * One host's findings.
     *
     * @param clashes  what the subnet overlaps there ("route 10.0.0.0/8 dev eth0"); for a network of several
     *                 subnets each names its subnet ("fd00:1::/64 overlaps route ..."), see {@link #clashLine}
     * @param problems why the host could not be checked, or a network of that name already there
     */
    public record HostCheck(String host, List<String> clashes, List<String> problems) {
        public HostCheck {
            Objects.requireNonNull(host, "host");
            clashes = List.copyOf(clashes);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return clashes.isEmpty() && problems.isEmpty();
        }
    }

    public boolean blocked() {
        return hosts.stream().anyMatch(h -> !h.ok());
    }

    /** Every problem, as "host h2: 172.16.16.0/24 overlaps route ...", in host order. */
    public List<String> problems(NetworkSpec spec) {
        List<String> parts = new ArrayList<>();
        for (HostCheck h : hosts) {
            for (String c : h.clashes) {
                parts.add("host " + h.host() + ": " + clashLine(spec, c));
            }
            for (String p : h.problems) {
                parts.add("host " + h.host() + ": " + p);
            }
        }
        return List.copyOf(parts);
    }

    /** A clash as a sentence: "172.16.16.0/24 overlaps route ...". */
    public static String clashLine(NetworkSpec spec, String clash) {
        return spec.subnets().size() == 1 ? spec.subnets().get(0) + " overlaps " + clash : clash;
    }

    /** One line for the error message: the only problem, or the first and how many more. */
    public String summary(NetworkSpec spec) {
        List<String> all = problems(spec);
        return all.isEmpty() ? "no problem" : all.get(0) + (all.size() > 1 ? " (and " + (all.size() - 1) + " more)" : "");
    }

    /** Decides the checks for {@code spec} from the facts of the reached hosts and the reasons of the others. */
    public static CreateCheck decide(NetworkSpec spec, List<String> hostOrder, Map<String, HostNetFacts> facts,
                                     Map<String, String> unreachable) {
        List<HostCheck> out = new ArrayList<>();
        for (String host : hostOrder) {
            HostNetFacts f = facts.get(host);
            if (f == null) {
                out.add(new HostCheck(host, List.of(), List.of("cannot reach it: " + unreachable.getOrDefault(host, "not reached"))));
                continue;
            }
            List<String> problems = new ArrayList<>();
            List<String> clashes = new ArrayList<>();
            if (f.dockerNetworks().value().isEmpty()) {
                problems.add("cannot list its Docker networks (" + f.dockerNetworks().why() + ")");
            }
            for (DockerNetwork d : f.dockerNetworks().value().orElse(List.of())) {
                if (d.name().equals(spec.name())) {
                    problems.add("a network named " + spec.name() + " already exists there (driver " + d.driver()
                            + (d.subnets().isEmpty() ? "" : ", subnet " + d.subnets().get(0)) + "); remove it"
                            + " (ovl net rm " + spec.name() + ") or choose another name");
                }
            }
            if (!spec.pools().isEmpty()) {
                if (f.interfaces().value().isEmpty()) {
                    problems.add("cannot read its interfaces (" + f.interfaces().why() + ")");
                }
                if (f.routes().value().isEmpty()) {
                    problems.add("cannot read its routes (" + f.routes().why() + ")");
                }
                // The same-named network is already reported above; its subnet is not a second problem.
                List<DockerNetwork> others = f.dockerNetworks().value().orElse(List.of()).stream()
                        .filter(d -> !d.name().equals(spec.name())).toList();
                for (Prefix subnet : spec.subnets()) {
                    String lead = spec.subnets().size() == 1 ? "" : subnet + " overlaps ";
                    SubnetClashes.of(subnet, f.interfaces().value().orElse(List.of()), f.routes().value().orElse(List.of()),
                            others).forEach(c -> clashes.add(lead + c));
                }
            }
            out.add(new HostCheck(host, clashes, problems));
        }
        return new CreateCheck(out);
    }
}
