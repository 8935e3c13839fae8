package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.net.NetReadout;
import io.ovl.net.NetworkListing;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl net ls}: overlay networks, their subnets and which hosts see them. */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = {
            "List the overlay networks of the topology's overlay hosts: subnets, and on which",
            "hosts each is visible. A network that a host which must see it does not list is",
            "marked MISSING (kv mode: every overlay host; swarm mode: the managers, since a",
            "worker lists an overlay only while one of its containers uses it)."
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"hosts\": [...], \"networks\": [{\"name\", \"scope\", \"labels\": {...}, \"subnets\": [...], \"seen-on\": [...],",
            "   \"missing-on\": [...], \"complete\": bool}], \"unreadable\": {HOST: why}}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 listed, every network on every host; 3 a",
            "network is missing on a host, a host could not be read, or (kv mode) a dockerd has no",
            "cluster store yet; 2 bad arguments or topology."
        })
public final class NetLsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Mixin
    ParallelOption parallelOption;

    @Option(names = {"-q", "--quiet"}, description = "Only the network names, one a line (as docker network ls -q, which prints IDs).")
    boolean quiet;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = {
        "As docker network ls: name=TEXT (names containing it), driver=overlay (any other",
        "driver lists nothing: ovl lists overlays), label=KEY or label=KEY=VALUE,",
        "scope=swarm|global (kv mode's networks are global). Repeat for several; a network",
        "must match all.",
        "(No -f: in ovl, -f names the topology file.)"})
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "TEMPLATE", description = {
        "One line per network from a Go-template-like text, as docker network ls --format:",
        "{{.Name}}, {{.Driver}}, {{.Scope}}, {{.Labels}}, {{.Subnet}}, {{.Hosts}}, {{.Missing}};",
        "\\t is a tab."})
    String format;

    @Option(names = "--no-trunc", description = "Accepted for docker's sake: ovl never truncates names or subnets.")
    boolean noTrunc;

    @Override
    public Integer call() {
        NetLsFilter.parse(filters); // a bad filter is refused before any host is contacted
        Topology topology = NetRun.load(topologyOption);
        NetReadout readout;
        try (NetRun run = NetRun.open(topologyOption, topology, parallelOption.value(), spec)) {
            readout = NetReadout.read(run.hosts, run.parallel);
        }
        NetworkListing listing = NetLsFilter.parse(filters).apply(NetworkListing.of(readout, NetRun.mustSee(topology)));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonReply.body(spec, json(readout, listing));
        } else {
            out.print(quiet ? NetLsFilter.names(listing) : format != null ? NetLsFilter.formatted(listing, format)
                    : text(listing, output.style()));
            out.flush();
        }
        List<String> missing = listing.networks().stream().filter(e -> !e.complete())
                .map(e -> e.name() + " missing on " + String.join(", ", e.missingOn())).toList();
        if (listing.unreadable().isEmpty() && missing.isEmpty()) {
            return ExitCode.OK.code();
        }
        // Exit 3 also for a host that could not be read: net ls changes nothing (io.ovl.core.ExitCode).
        List<String> hosts = readout.hosts().stream().filter(h -> listing.unreadable().containsKey(h)
                || listing.networks().stream().anyMatch(e -> e.missingOn().contains(h))).toList();
        List<String> why = new java.util.ArrayList<>(missing);
        listing.unreadable().forEach((h, w) -> why.add("could not read " + h + ": " + w));
        JsonReply.failure(spec, String.join("; ", why), hosts);
        return ExitCode.CHECKS_FAILED.code();
    }

    static String text(NetworkListing listing, Style style) {
        StringBuilder sb = new StringBuilder();
        if (listing.networks().isEmpty()) {
            sb.append("no overlay networks\n");
        } else {
            int w = Math.max(4, listing.networks().stream().mapToInt(e -> e.name().length()).max().orElse(4));
            int s = Math.max(6, listing.networks().stream().mapToInt(e -> String.join(",", e.subnets()).length()).max().orElse(6));
            sb.append(String.format("%-" + w + "s  %-" + s + "s  %s%n", "NAME", "SUBNET", "HOSTS"));
            for (NetworkListing.Entry e : listing.networks()) {
                String hosts = String.join(", ", e.seenOn()) + (e.complete() ? ""
                        : "  " + style.error("MISSING on " + String.join(", ", e.missingOn())));
                sb.append(String.format("%-" + w + "s  %-" + s + "s  %s", e.name(),
                        e.subnets().isEmpty() ? "-" : String.join(",", e.subnets()), hosts).stripTrailing()).append('\n');
            }
        }
        listing.unreadable().forEach((h, why) -> sb.append(style.warning("could not read " + h + ": " + why)).append('\n'));
        return sb.toString();
    }

    static ObjectNode json(NetReadout readout, NetworkListing listing) {
        ObjectNode root = Json.object();
        readout.hosts().forEach(root.putArray("hosts")::add);
        ArrayNode nets = root.putArray("networks");
        for (NetworkListing.Entry e : listing.networks()) {
            ObjectNode o = nets.addObject();
            o.put("name", e.name());
            o.put("scope", e.scope());
            ObjectNode labels = o.putObject("labels");
            e.labels().forEach(labels::put);
            e.subnets().forEach(o.putArray("subnets")::add);
            e.seenOn().forEach(o.putArray("seen-on")::add);
            e.missingOn().forEach(o.putArray("missing-on")::add);
            o.put("complete", e.complete());
        }
        ObjectNode unreadable = root.putObject("unreadable");
        listing.unreadable().forEach(unreadable::put);
        return root;
    }
}
