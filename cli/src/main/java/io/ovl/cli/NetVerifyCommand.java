package io.ovl.cli;

import io.ovl.net.NetVerify;
import io.ovl.net.ProbeScript;
import io.ovl.net.VerifyReport;
import io.ovl.topology.HostSubset;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl net verify NAME}: probe containers on every overlay host, every ordered pair tested. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Prove an overlay network carries traffic between every pair of overlay hosts.",
            "",
            "Starts a probe container (busybox httpd on port 7777) named ovl-probe-HOST on every",
            "overlay host, attached to NAME; from each probe tests every other probe: ICMP (ping",
            "its address), TCP (an HTTP request to its address) and DNS (its name resolves to its",
            "address). On a network with IPv6 it also tests each probe's IPv6 address (icmp6,",
            "tcp6); two probes that Docker gave the same IPv6 address fail those checks saying so.",
            "Every probe has its address and answers on 7777 before any test starts.",
            "A name lookup is retried for up to " + ProbeScript.DNS_BUDGET_SECONDS + " s; one that succeeds only after a retry",
            "is a warning (WARN ... dns ok after 3 tries, 17 s), not a failure. Prints a",
            "host-by-host matrix, the failing pairs and the warnings. The probes are removed",
            "afterwards, also when a check fails or the run is interrupted. The image must be on",
            "every overlay host (ovl does not pull it) and needs busybox's sh, httpd, nc, ping,",
            "nslookup, awk; in swarm mode NAME must be attachable."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl net verify myoverlay",
            "  ovl net verify myoverlay --image busybox:1.36 --output json",
            "  ovl net verify dualstack --family ipv4",
            "",
            "JSON output (--output json), inside the envelope of README.md 'JSON output':",
            "  {\"network\", \"image\", \"passed\": bool, \"hosts\": [...],",
            "   \"checks\": [\"icmp\", \"tcp\", \"dns\", (\"icmp6\", \"tcp6\")],",
            "   \"probes\": {HOST: {\"container\", \"address\": ip or null, \"ipv6\": ip or null,",
            "              \"error\": string or null}},",
            "   \"pairs\": [{\"from\", \"to\", \"ok\", \"icmp\": {\"ok\", \"detail\", \"tries\", \"seconds\",",
            "              \"warning\": string or null}, \"tcp\": {...}, \"dns\": {...}, one per check}],",
            "   \"failing\": [\"FROM -> TO\", ...], \"warnings\": [\"FROM -> TO: dns ok after N tries, S s\"],",
            "   \"cleanup-problems\": [...]}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 every pair passed (also with warnings); 2 bad arguments or topology;",
            "3 a pair failed (named), a probe did not start, fewer than two overlay hosts, the",
            "image is missing on a host, or (kv mode) a dockerd has no cluster store."
        })
public final class NetVerifyCommand implements Callable<Integer>, ChangesHosts {
    /** "all", "ipv4", "ipv6" as the user types them; anything else is a usage error naming the three. */
    static final class FamilyConverter implements picocli.CommandLine.ITypeConverter<NetVerify.Family> {
        @Override
        public NetVerify.Family convert(String value) {
            return switch (value) {
                case "all" -> NetVerify.Family.ALL;
                case "ipv4" -> NetVerify.Family.IPV4;
                case "ipv6" -> NetVerify.Family.IPV6;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a family: use all, ipv4 or ipv6");
            };
        }
    }

    /** Busybox as the lab has it (no registry there); any image with busybox's applets works. */
    static final String DEFAULT_IMAGE = "busybox";

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The overlay network to verify.")
    String name;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = DEFAULT_IMAGE,
            description = "Probe image (default: ${DEFAULT-VALUE}); must be on every host.")
    String image;

    @Option(names = "--family", paramLabel = "all|ipv4|ipv6", defaultValue = "all",
            converter = FamilyConverter.class,
            description = {"Which addresses to test (default: ${DEFAULT-VALUE}): all tests IPv4 (icmp, tcp, dns)",
                "and, on a network with IPv6, IPv6 too (icmp6, tcp6); ipv4 or ipv6 only that family's."})
    NetVerify.Family family;

    @Mixin
    HostsOption hostsOption;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        NetInspectCommand.requireName(name);
        Topology topology = NetRun.load(topologyOption);
        HostSubset only = hostsOption.of(topology);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifyReport report;
        // The run lock too: the probes have fixed names (ovl-probe-HOST), so a second verify would remove
        // the first one's, and a net rm or an init restarting dockerd would fail this run half-way.
        try (NetRun run = NetRun.open(topologyOption, topology, parallelOption.value(), spec);
             Runs.Held lock = Runs.lock(run.hosts, topology, "net verify");
             NetVerify verify = new NetVerify(run.hosts, run.parallel, Runs.lines(err))) {
            // Ctrl-C: the JVM runs shutdown hooks while the sessions are still open; remove the probes there.
            Thread cleanup = new Thread(() -> {
                verify.close();
                verify.cleanupProblems().forEach(p -> err.println("ovl: warning: cleanup: " + p));
                err.flush();
            }, "ovl-remove-probes");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                report = verify.run(name, image, family).only(only);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs now
                }
            }
        }
        if (output.json()) {
            JsonReply.body(spec, NetViews.verifyJson(report));
            if (!report.passed()) {
                JsonReply.failure(spec, report.failing().size() + " pair(s) failed" + report.diagnosis().or(report::ipv6Diagnosis).map(d -> ": " + d)
                        .orElse(""), report.suspect().map(java.util.List::of).orElse(java.util.List.of()));
            }
        } else {
            out.print(NetViews.verifyText(report, output.style()));
            out.flush();
        }
        return report.exitCode().code();
    }
}
