package io.ovl.cli;

import io.ovl.addressing.Finding;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.NetworkSpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovl net create}: flags as {@code docker network create} has them, checked with the same
 * rules as networks in a topology file. Only --dry-run exists so far: ovl cannot reach hosts yet.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "create",
        description = {
            "Check an overlay network and show what would be created.",
            "",
            "Flags mean what they mean for 'docker network create --driver overlay'.",
            "Addressing (IPv4 and IPv6) is checked with the same rules as the networks",
            "of a topology file. Creating on hosts is not available yet: use --dry-run."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl net create myoverlay --subnet 172.16.16.0/24 --ip-range 172.16.16.128/25 \\",
            "      --aux-address ip2=172.16.16.2 --dry-run",
            "  ovl net create web --subnet fd00:16::/64 --gateway fd00:16::1 \\",
            "      --opt encrypted --dry-run",
            "  ovl net create web --subnet 10.0.0.0/24 --dry-run --output json",
            "",
            "JSON output (--output json):",
            "  {\"valid\": bool, \"dry-run\": bool,",
            "   \"network\": {\"name\", \"driver\", \"subnet\", \"ip-range\", \"gateway\",",
            "               \"aux-addresses\": {name: ip}, \"internal\", \"attachable\",",
            "               \"encrypted\", \"mtu\", \"labels\": {key: value}},",
            "   \"docker-args\": [...], \"problems\": [{\"severity\", \"path\", \"option\",",
            "   \"message\", \"hint\"}]}           (values not given are null)",
            "",
            "Exit codes: 0 valid (with --dry-run); 2 invalid, or run without --dry-run",
            "(creating on hosts is not available yet)."
        })
public final class NetCreateCommand implements Callable<Integer> {
    static final String MTU_OPT = "com.docker.network.driver.mtu";

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "Network name: a letter or digit, then letters, digits, '_', '.', '-'.")
    String name;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet, a network address, e.g. 172.16.16.0/24. Default: chosen by Docker.")
    Prefix subnet;

    @Option(names = "--ip-range", paramLabel = "CIDR", description = "Part of the subnet containers get addresses from.")
    Prefix ipRange;

    @Option(names = "--gateway", paramLabel = "IP", description = "Gateway inside the subnet. Default: chosen by Docker.")
    IpAddress gateway;

    @Option(names = "--aux-address", paramLabel = "NAME=IP", description = "An address Docker must not assign (repeatable).")
    Map<String, IpAddress> auxAddresses = new LinkedHashMap<>();

    @Option(names = "--internal", description = "No access to outside networks.")
    boolean internal;

    @Option(names = "--attachable", description = "Let standalone containers (docker run --network) attach.")
    boolean attachable;

    @Option(names = {"-o", "--opt"}, paramLabel = "OPT", description = "Driver option: encrypted, or " + MTU_OPT + "=N.")
    List<String> opts = new ArrayList<>();

    @Option(names = "--mtu", paramLabel = "N", description = "MTU, 68-9000; leave 50 bytes for VXLAN (underlay MTU minus 50).")
    Integer mtu;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label on the network (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Check and show the network; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        NetworkSpec network = toSpec();
        List<Finding> findings = NetworkSpecValidator.validate(network);
        NetworkReport report = new NetworkReport(network, findings, dryRun);
        if (output.json()) {
            spec.commandLine().getOut().print(report.json());
        } else {
            spec.commandLine().getErr().print(report.problemsText(output.style()));
            if (report.valid() && dryRun) {
                spec.commandLine().getOut().print(report.planText());
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        if (!report.valid()) {
            return ExitCode.USAGE.code();
        }
        if (!dryRun) {
            throw new OvlException(ExitCode.USAGE, "net create without --dry-run is not available yet: this version of"
                    + " ovl cannot change hosts. Nothing was changed; the network is valid (see it with --dry-run)");
        }
        return ExitCode.OK.code();
    }

    private NetworkSpec toSpec() {
        boolean encrypted = false;
        OptionalInt effectiveMtu = mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu);
        for (String opt : opts) {
            if (opt.equals("encrypted") || opt.equals("encrypted=") || opt.equals("encrypted=true")) {
                encrypted = true;
            } else if (opt.startsWith(MTU_OPT + "=")) {
                effectiveMtu = OptionalInt.of(mtuFromOpt(opt.substring(MTU_OPT.length() + 1), effectiveMtu));
            } else if (!opt.equals("encrypted=false")) {
                throw new OvlException(ExitCode.USAGE, "unsupported --opt '" + opt + "'; ovl knows: encrypted, "
                        + MTU_OPT + "=N");
            }
        }
        return new NetworkSpec(name, Optional.ofNullable(subnet), Optional.ofNullable(ipRange), Optional.ofNullable(gateway),
                auxAddresses, internal, attachable, encrypted, effectiveMtu, labels);
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
