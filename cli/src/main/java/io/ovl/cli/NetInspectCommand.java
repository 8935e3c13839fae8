package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.net.MergedNetwork;
import io.ovl.net.NetReadout;
import io.ovl.net.OverlayNetwork;
import io.ovl.topology.DockerNetworkName;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl net inspect NAME}: one overlay network merged over all overlay hosts. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Show one overlay network as all overlay hosts see it: its definition (subnets,",
            "ip-range, gateway, aux addresses, options, labels), on which hosts it is visible,",
            "and the containers attached on each host."
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"name\", \"id\", \"driver\", \"scope\", \"internal\", \"attachable\",",
            "   \"ipam\": [{\"subnet\", \"ip-range\", \"gateway\", \"aux-addresses\": {name: ip}}],",
            "   \"options\": {k: v}, \"labels\": {k: v}, \"seen-on\": [...], \"missing-on\": [...],",
            "   \"unreadable\": {HOST: why}, \"ids-differ\": bool,",
            "   \"endpoints\": {HOST: [{\"container\", \"ipv4\", \"ipv6\", \"mac\"}]}}   (absent values are null)",
            "",
            "Exit codes (the table of 'ovl --help'): 0 shown; 3 no overlay host lists NAME, or a host",
            "could not be read (what could be read is still shown); 2 bad arguments or topology."
        })
public final class NetInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "Network name (or full id).")
    String name;

    @Mixin
    ParallelOption parallelOption;

    /** Refuses a name Docker could not have (exit 2) before any host is contacted. */
    static void requireName(String name) {
        DockerNetworkName.check(name).filter(f -> f.isError()).ifPresent(f -> {
            throw new OvlException(ExitCode.USAGE, "NAME '" + name + "': " + f.message() + f.fix().map(h -> "; " + h).orElse(""));
        });
    }

    /** Reads every overlay host and merges {@code name}; exit 3 when no host lists it. */
    static MergedNetwork find(String name, NetRun run) {
        NetReadout readout = NetReadout.read(run.hosts, run.parallel);
        return MergedNetwork.of(name, readout, NetRun.mustSee(run.topology)).orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED,
                "no overlay host lists a network named " + name
                        + (readout.unreadable().isEmpty() ? "" : " (could not read " + String.join(", ", readout.unreadable().keySet()) + ")")
                        + "; see them with `ovl net ls`"));
    }

    @Override
    public Integer call() {
        requireName(name);
        Topology topology = NetRun.load(topologyOption);
        MergedNetwork network;
        try (NetRun run = NetRun.open(topologyOption, topology, parallelOption.value(), spec)) {
            network = find(name, run);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonReply.body(spec, json(network));
        } else {
            out.print(text(network, output.style()));
            out.flush();
        }
        if (network.unreadable().isEmpty()) {
            return ExitCode.OK.code();
        }
        // Exit 3: net inspect changes nothing, so a host it could not read is not a failed change (ExitCode).
        JsonReply.failure(spec, "could not read " + String.join(", ", network.unreadable().keySet()) + " (what could"
                + " be read is shown)", List.copyOf(network.unreadable().keySet()));
        return ExitCode.CHECKS_FAILED.code();
    }

    static String text(MergedNetwork m, Style style) {
        OverlayNetwork d = m.definition();
        StringBuilder sb = new StringBuilder();
        sb.append(d.name()).append("  (").append(d.driver()).append(", scope ").append(d.scope()).append(", id ")
                .append(d.id().length() > 12 ? d.id().substring(0, 12) : d.id()).append(")\n");
        for (OverlayNetwork.Ipam i : d.ipam()) {
            sb.append("  subnet         ").append(i.subnet()).append('\n');
            i.ipRange().ifPresent(r -> sb.append("  ip-range       ").append(r).append('\n'));
            i.gateway().ifPresent(g -> sb.append("  gateway        ").append(g).append('\n'));
            i.auxAddresses().forEach((k, v) -> sb.append("  aux-address    ").append(k).append('=').append(v).append('\n'));
        }
        sb.append("  internal       ").append(d.internal() ? "yes" : "no").append('\n');
        sb.append("  attachable     ").append(d.attachable() ? "yes" : "no").append('\n');
        d.options().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append("  option         ").append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        d.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append("  label          ").append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        sb.append("  seen on        ").append(String.join(", ", m.seenOn())).append('\n');
        if (!m.missingOn().isEmpty()) {
            sb.append("  ").append(style.error("MISSING on     " + String.join(", ", m.missingOn()))).append('\n');
        }
        if (m.idsDiffer()) {
            sb.append("  ").append(style.error("hosts list different networks of this name (ids differ)")).append('\n');
        }
        m.unreadable().forEach((h, why) -> sb.append("  ").append(style.warning("could not read " + h + ": " + why)).append('\n'));
        sb.append("endpoints:\n");
        m.endpoints().forEach((host, eps) -> {
            if (eps.isEmpty()) {
                sb.append("  ").append(host).append(": none\n");
            }
            for (OverlayNetwork.Endpoint e : eps) {
                sb.append("  ").append(host).append(": ").append(e.container()).append("  ").append(e.ipv4())
                        .append(e.ipv6().isEmpty() ? "" : "  " + e.ipv6()).append("  ").append(e.mac()).append('\n');
            }
        });
        return sb.toString();
    }

    static ObjectNode json(MergedNetwork m) {
        OverlayNetwork d = m.definition();
        ObjectNode root = Json.object();
        root.put("name", d.name());
        root.put("id", d.id());
        root.put("driver", d.driver());
        root.put("scope", d.scope());
        root.put("internal", d.internal());
        root.put("attachable", d.attachable());
        ArrayNode ipam = root.putArray("ipam");
        for (OverlayNetwork.Ipam i : d.ipam()) {
            ObjectNode o = ipam.addObject();
            o.put("subnet", i.subnet());
            o.put("ip-range", i.ipRange().orElse(null));
            o.put("gateway", i.gateway().orElse(null));
            ObjectNode aux = o.putObject("aux-addresses");
            i.auxAddresses().forEach(aux::put);
        }
        ObjectNode options = root.putObject("options");
        d.options().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> options.put(e.getKey(), e.getValue()));
        ObjectNode labels = root.putObject("labels");
        d.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey(), e.getValue()));
        m.seenOn().forEach(root.putArray("seen-on")::add);
        m.missingOn().forEach(root.putArray("missing-on")::add);
        ObjectNode unreadable = root.putObject("unreadable");
        m.unreadable().forEach(unreadable::put);
        root.put("ids-differ", m.idsDiffer());
        ObjectNode endpoints = root.putObject("endpoints");
        m.endpoints().forEach((host, eps) -> {
            ArrayNode a = endpoints.putArray(host);
            for (OverlayNetwork.Endpoint e : eps) {
                ObjectNode o = a.addObject();
                o.put("container", e.container());
                o.put("ipv4", e.ipv4().isEmpty() ? null : e.ipv4());
                o.put("ipv6", e.ipv6().isEmpty() ? null : e.ipv6());
                o.put("mac", e.mac().isEmpty() ? null : e.mac());
            }
        });
        return root;
    }
}
