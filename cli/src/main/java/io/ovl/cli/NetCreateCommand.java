package io.ovl.cli;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpVersion;
import io.ovl.addressing.IpamPools;
import io.ovl.addressing.Prefix;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.mode.OverlayMode;
import io.ovl.net.CreatePlacement;
import io.ovl.net.CreateReport;
import io.ovl.net.NetCreate;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.NetworkSpecValidator;
import io.ovl.topology.rules.Ipv6Networks;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovl net create}: flags as {@code docker network create} has them, checked offline with the
 * same rules as networks in a topology file; then (without --dry-run) checked live on every overlay
 * host, created once and confirmed on every host ({@link NetCreate}).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "create",
        description = {
            "Create an overlay network on the hosts of the topology.",
            "",
            "Flags mean what they mean for 'docker network create --driver overlay'.",
            "Addressing (IPv4 and IPv6) is checked offline with the same rules as the networks",
            "of a topology file. Dual stack: --subnet twice, one IPv4 and one IPv6 (one subnet",
            "per family); each --ip-range, --gateway and --aux-address belongs to the subnet that",
            "contains it, as in Docker; an IPv6 subnet enables IPv6. --dry-run stops there (no",
            "topology or host needed). Then every overlay host is read: no subnet may overlap its",
            "Docker networks, interface addresses or routes, and no network of that name may",
            "exist. The network is created",
            "once (kv mode: on the first overlay host reached; swarm mode: on a manager, attachable",
            "unless --no-attachable), then ovl waits until every overlay host lists it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl net create myoverlay --subnet 172.16.16.0/24 --ip-range 172.16.16.128/25 \\",
            "      --aux-address ip2=172.16.16.2",
            "  ovl net create web --subnet fd00:16::/64 --gateway fd00:16::1 \\",
            "      --opt encrypted --dry-run",
            "  ovl net create dual --subnet 172.16.16.0/24 --ip-range 172.16.16.128/25 \\",
            "      --subnet fd00:16::/64 --ip-range fd00:16::100/120 --gateway fd00:16::1",
            "  ovl net create web --subnet 10.0.0.0/24 --dry-run --output json",
            "",
            "JSON output (--output json), inside the envelope of README.md 'JSON output':",
            "  {\"valid\": bool, \"dry-run\": bool,",
            "   \"network\": {\"name\", \"driver\", \"subnet\", \"ip-range\", \"gateway\",",
            "               \"aux-addresses\": {name: ip}, \"ipam\": [{\"subnet\", \"ip-range\",",
            "               \"gateway\", \"aux-addresses\"}], \"ipv6\", \"internal\", \"attachable\",",
            "               \"encrypted\", \"mtu\", \"labels\": {key: value},",
            "               \"options\": {key: value} (driver options but encrypted and mtu)},",
            "   (subnet, ip-range, gateway: of every subnet, comma-separated; ipam: one per subnet)",
            "   \"docker-args\": [...], \"problems\": [{\"severity\", \"path\", \"option\",",
            "   \"message\", \"hint\"}]}           (values not given are null)",
            "  without --dry-run, when valid, also: \"checks\": [{\"host\", \"ok\", \"clashes\": [...],",
            "   \"problems\": [...]}], \"created-on\": host or null, \"seen-on\": [...],",
            "   \"missing-on\": [...], \"error\": string or null, \"interrupted\": bool,",
            "   \"exit-code\": N",
            "",
            "Exit codes (the table of 'ovl --help'): 0 valid (--dry-run) or created and seen by",
            "every overlay host; 2 invalid; 3 a live check refused it, a host could not be reached",
            "or read, or (kv mode) a dockerd has no cluster store yet (nothing was changed);",
            "4 creating failed, or a host does not see the network in time;",
            "130 interrupted (a create in flight finishes first; the output says whether it was created)."
        })
public final class NetCreateCommand implements Callable<Integer>, ChangesHosts {
    static final String MTU_OPT = NetworkSpecValidator.MTU_OPTION;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    TopologyOption topologyOption;

    @Parameters(paramLabel = "NAME", description = "Network name: a letter or digit, then letters, digits, '_', '.', '-'.")
    String name;

    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", defaultValue = "overlay",
            description = "Docker's flag, accepted for its one value here: overlay (the default). A bridge,"
                    + " macvlan or other driver is local to one host: create it there with docker network create.")
    String driver;

    @Option(names = "--ipv6", description = "Enable IPv6, as Docker's flag does; ovl enables it by itself for an IPv6"
            + " --subnet, and needs one (it does not pick an IPv6 subnet).")
    boolean ipv6;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet, a network address, e.g. 172.16.16.0/24;"
            + " repeat it for dual stack: one IPv4 and one IPv6 subnet. Default: chosen by Docker.")
    List<Prefix> subnets = new ArrayList<>();

    @Option(names = "--ip-range", paramLabel = "CIDR", description = "Part of a subnet containers get addresses from"
            + " (repeatable: at most one per subnet; each belongs to the subnet that contains it).")
    List<Prefix> ipRanges = new ArrayList<>();

    @Option(names = "--gateway", paramLabel = "IP", description = "Gateway inside a subnet (repeatable: at most one per"
            + " subnet, which must contain it). Default: chosen by Docker.")
    List<IpAddress> gateways = new ArrayList<>();

    @Option(names = "--aux-address", paramLabel = "NAME=IP", description = "An address Docker must not assign (repeatable).")
    Map<String, IpAddress> auxAddresses = new LinkedHashMap<>();

    @Option(names = "--internal", description = "No access to outside networks.")
    boolean internal;

    @Option(names = "--attachable", negatable = true, description = "Let standalone containers (docker run --network)"
            + " attach. Default: no in kv mode (every kv overlay takes them anyway), yes in swarm mode.")
    Boolean attachable;

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY[=VALUE]", description = "Driver option, as Docker takes it"
            + " (repeatable; a bare KEY is KEY=\"\"): encrypted (IPsec), " + MTU_OPT + "=N (as --mtu), and any other,"
            + " e.g. com.docker.network.driver.overlay.vxlanid_list=4097, passed to Docker as given.")
    List<String> opts = new ArrayList<>();

    @Option(names = "--mtu", paramLabel = "N", description = "MTU, 68-9000; leave 50 bytes for VXLAN (underlay MTU minus 50).")
    Integer mtu;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label on the network (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Check and show the network offline; contact no host, change nothing.")
    boolean dryRun;

    int waitSeconds;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for every overlay host to list the new network (0 or more; default: ${DEFAULT-VALUE}).")
    void waitSeconds(int seconds) {
        waitSeconds = WaitSeconds.check(spec, seconds);
    }

    @Mixin
    ParallelOption parallelOption;

    /** Docker's flags whose other values ovl cannot honour across hosts: exit 2, saying what to do instead. */
    private void refuseWhatDockerMeansElsewhere() {
        if (!driver.equals("overlay")) {
            throw new OvlException(ExitCode.USAGE, "--driver " + driver + ": ovl creates overlay networks, which span"
                    + " hosts; a " + driver + " network is local to one host: create it there with docker network create");
        }
        if (ipv6 && subnets.stream().noneMatch(s -> s.version() == IpVersion.V6)) {
            throw new OvlException(ExitCode.USAGE, "--ipv6 needs an IPv6 --subnet (e.g. fd00:16::/64): ovl does not pick"
                    + " one; for dual stack give one of each: --subnet 172.16.16.0/24 --subnet fd00:16::/64");
        }
    }

    @Override
    public Integer call() {
        refuseWhatDockerMeansElsewhere();
        NetworkSpec network = toSpec(attachable != null && attachable);
        List<Finding> findings = validate(network);
        if (dryRun || !new NetworkReport(network, findings, dryRun).valid()) {
            return offline(network, findings);
        }
        Topology topology = NetRun.load(topologyOption);
        CreatePlacement placement = OverlayMode.of(topology).placement();
        NetworkSpec effective = toSpec(attachable != null ? attachable : placement.attachableByDefault());
        List<Finding> live = new ArrayList<>(validate(effective));
        // What the topology's mode makes of IPv6 (Ipv6Networks): refused in swarm mode, a warning in kv.
        Ipv6Networks.of(topology.mode(), effective, "--subnet").ifPresent(live::add);
        NetworkReport report = new NetworkReport(effective, live, false);
        if (!report.valid()) {
            return offline(effective, live);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.print(report.problemsText(output.style()));
        err.flush();
        CreateReport created;
        try (NetRun run = NetRun.open(topologyOption, topology, parallelOption.value(), spec);
             Runs.Held lock = Runs.lock(run.hosts, topology, "net create");
             Interrupts interrupts = Interrupts.install(err, "check with `ovl net ls`; `ovl net rm " + name
                     + "` removes it")) {
            var progress = Runs.lines(output.json() ? err : out);
            NetCreate create = new NetCreate(run.hosts, run.parallel, run.visibility(waitSeconds, progress), progress);
            created = interrupts.changing(interruption -> create.create(effective, placement.candidates(topology),
                    placement.mustSee(topology), interruption));
        }
        if (output.json()) {
            JsonReply.body(spec, report.json(created));
            if (created.exitCode() != ExitCode.OK) {
                JsonReply.failure(spec, NetViews.createFailure(created), created.missingOn());
            }
        } else {
            out.print(NetViews.createText(created, output.style()));
        }
        out.flush();
        if (created.exitCode() != ExitCode.OK && !output.json()) {
            err.println(output.style().error("ovl: error: " + NetViews.createFailure(created)));
            err.flush();
        }
        return created.exitCode().code();
    }

    private int offline(NetworkSpec network, List<Finding> findings) {
        NetworkReport report = new NetworkReport(network, findings, dryRun);
        if (output.json()) {
            JsonReply.body(spec, report.json());
            findings.stream().filter(Finding::isError).findFirst().ifPresent(f -> JsonReply.failure(spec,
                    "invalid: " + NetworkReport.option(f.subject()) + ": " + f.message(), List.of()));
        } else {
            spec.commandLine().getErr().print(report.problemsText(output.style()));
            if (report.valid() && dryRun) {
                spec.commandLine().getOut().print(report.planText());
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return report.valid() ? ExitCode.OK.code() : ExitCode.USAGE.code();
    }

    /**
     * Docker's rule for repeated flags: each --ip-range, --gateway and --aux-address belongs to the --subnet
     * that contains it. What belongs to none is a finding, as the network's own rules are.
     */
    private IpamPools.Assigned pools() {
        return IpamPools.assign(
                subnets.stream().map(s -> new IpamPools.Written<>(s, "subnet")).toList(),
                ipRanges.stream().map(r -> new IpamPools.Written<>(r, "ip-range")).toList(),
                gateways.stream().map(g -> new IpamPools.Written<>(g, "gateway")).toList(),
                auxAddresses);
    }

    private List<Finding> validate(NetworkSpec network) {
        List<Finding> all = new ArrayList<>(pools().problems());
        all.addAll(NetworkSpecValidator.validate(network));
        return all;
    }

    /**
     * Docker's -o/--opt: KEY=VALUE, a bare KEY is KEY="". encrypted and the MTU become the network's own
     * keys (checked here); every other option is passed to Docker as given, its name checked by
     * {@link NetworkSpecValidator}.
     */
    private NetworkSpec toSpec(boolean attach) {
        boolean encrypted = false;
        OptionalInt effectiveMtu = mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu);
        Map<String, String> driverOptions = new LinkedHashMap<>();
        for (String opt : opts) {
            int eq = opt.indexOf('=');
            String key = eq < 0 ? opt : opt.substring(0, eq);
            String value = eq < 0 ? "" : opt.substring(eq + 1);
            if (key.equals(NetworkSpecValidator.ENCRYPTED_OPTION)) {
                if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
                    throw new OvlException(ExitCode.USAGE, "--opt " + opt + ": encrypted takes no value, true or false");
                }
                encrypted = !value.equals("false");
            } else if (key.equals(MTU_OPT)) {
                effectiveMtu = OptionalInt.of(mtuFromOpt(value, effectiveMtu));
            } else {
                driverOptions.put(key, value); // the last of a repeated key, as in Docker
            }
        }
        return new NetworkSpec(name, pools().pools(), internal, attach, encrypted, effectiveMtu, labels, driverOptions);
    }

    private static int mtuFromOpt(String value, OptionalInt fromFlag) {
        int m;
        try {
            m = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new OvlException(ExitCode.USAGE, "--opt " + MTU_OPT + "=" + value + ": not a number");
        }
        if (fromFlag.isPresent() && fromFlag.getAsInt() != m) {
            throw new OvlException(ExitCode.USAGE, "--mtu " + fromFlag.getAsInt() + " and --opt " + MTU_OPT + "=" + m
                    + " disagree; give one of them");
        }
        return m;
    }
}
