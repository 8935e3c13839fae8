package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.addressing.IpamPool;
import io.ovl.ssh.RemoteCommand;
import io.ovl.core.Finding;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders a checked network: the problems (named by command-line flag) and what would be created. */
final class NetworkReport {
    private final NetworkSpec network;
    private final List<Finding> findings;
    private final boolean dryRun;

    NetworkReport(NetworkSpec network, List<Finding> findings, boolean dryRun) {
        this.network = network;
        this.findings = List.copyOf(findings);
        this.dryRun = dryRun;
    }

    boolean valid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /**
     * The flag a finding is about: "aux-addresses.ip2" was given as "--aux-address ip2=...", "subnet[1]"
     * (the second subnet of a dual-stack network) as the second "--subnet".
     */
    static String option(String path) {
        path = path.replaceFirst("\\[\\d+]$", "");
        if (path.startsWith("aux-addresses.")) {
            return ("--aux-address " + path.substring("aux-addresses.".length())).strip();
        }
        if (path.startsWith("options.")) {
            return ("--opt " + path.substring("options.".length())).strip();
        }
        if (path.startsWith("labels.")) {
            return ("--label " + path.substring("labels.".length())).strip();
        }
        return path.equals("name") ? "NAME" : "--" + path;
    }

    String problemsText(Style style) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            String line = "ovl: " + f.severity().label() + ": " + option(f.subject()) + ": " + f.message()
                    + f.fix().map(h -> "; " + h).orElse("");
            sb.append(f.isError() ? style.error(line) : style.warning(line)).append('\n');
        }
        return sb.toString();
    }

    String planText() {
        StringBuilder sb = new StringBuilder();
        sb.append("dry run: would create overlay network '").append(network.name()).append("'; nothing was changed\n");
        if (network.pools().isEmpty()) {
            row(sb, "subnet", "chosen by Docker");
            row(sb, "ip-range", "the whole subnet");
            row(sb, "gateway", "chosen by Docker");
        }
        for (IpamPool pool : network.pools()) { // as net inspect shows them: each subnet with its own range and gateway
            row(sb, "subnet", pool.subnet().toString());
            row(sb, "ip-range", pool.ipRange().map(Object::toString).orElse("the whole subnet"));
            row(sb, "gateway", pool.gateway().map(Object::toString).orElse("chosen by Docker"));
        }
        if (network.ipv6()) {
            row(sb, "ipv6", "enabled");
        }
        row(sb, "aux-addresses", network.auxAddresses().isEmpty() ? "none" : network.auxAddresses().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        row(sb, "internal", yesNo(network.internal()));
        row(sb, "attachable", yesNo(network.attachable()));
        row(sb, "encrypted", yesNo(network.encrypted()));
        row(sb, "mtu", network.mtu().isPresent() ? String.valueOf(network.mtu().getAsInt()) : "Docker's default");
        row(sb, "labels", network.labels().isEmpty() ? "none" : network.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        row(sb, "options", network.options().isEmpty() ? "none" : new TreeMap<>(network.options()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        sb.append("as: ").append(DockerNetworkCreate.args(network).stream().map(RemoteCommand::quote)
                .collect(Collectors.joining(" "))).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format("  %-14s %s%n", key, value));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    ObjectNode json() {
        return jsonTree();
    }

    /** The offline shape plus what happened on the hosts (see net create --help). */
    ObjectNode json(io.ovl.net.CreateReport created) {
        ObjectNode root = jsonTree();
        ArrayNode checks = root.putArray("checks");
        for (io.ovl.net.CreateCheck.HostCheck h : created.check().hosts()) {
            ObjectNode o = checks.addObject();
            o.put("host", h.host());
            o.put("ok", h.ok());
            h.clashes().forEach(o.putArray("clashes")::add);
            h.problems().forEach(o.putArray("problems")::add);
        }
        root.put("created-on", created.createdOn().orElse(null));
        created.seenOn().forEach(root.putArray("seen-on")::add);
        created.missingOn().forEach(root.putArray("missing-on")::add);
        root.put("error", created.error().orElse(null));
        root.put("interrupted", created.interrupted());
        root.put("exit-code", created.exitCode().code());
        return root;
    }

    /**
     * A network's addressing in JSON: "ipam", one object per pool as net inspect has it ({"subnet",
     * "ip-range", "gateway", "aux-addresses"}); and, as before dual stack, "subnet", "ip-range", "gateway"
     * and "aux-addresses" of the whole network: a pool's value, or every pool's comma-separated (as net ls's
     * {{.Subnet}}), null when no pool has one.
     */
    static void putAddressing(ObjectNode n, NetworkSpec network) {
        n.put("subnet", joined(network.pools().stream().map(p -> Optional.of(p.subnet()))));
        n.put("ip-range", joined(network.pools().stream().map(IpamPool::ipRange)));
        n.put("gateway", joined(network.pools().stream().map(IpamPool::gateway)));
        ObjectNode aux = n.putObject("aux-addresses");
        network.auxAddresses().forEach((k, v) -> aux.put(k, v.toString()));
        ArrayNode ipam = n.putArray("ipam");
        for (IpamPool pool : network.pools()) {
            ObjectNode o = ipam.addObject();
            o.put("subnet", pool.subnet().toString());
            o.put("ip-range", pool.ipRange().map(Object::toString).orElse(null));
            o.put("gateway", pool.gateway().map(Object::toString).orElse(null));
            ObjectNode poolAux = o.putObject("aux-addresses");
            pool.auxAddresses().forEach((k, v) -> poolAux.put(k, v.toString()));
        }
    }

    private static String joined(Stream<? extends Optional<?>> values) {
        List<String> present = values.flatMap(Optional::stream).map(Object::toString).toList();
        return present.isEmpty() ? null : String.join(",", present);
    }

    private ObjectNode jsonTree() {
        ObjectNode root = Json.object();
        root.put("valid", valid());
        root.put("dry-run", dryRun);
        ObjectNode n = root.putObject("network");
        n.put("name", network.name());
        n.put("driver", "overlay");
        putAddressing(n, network);
        n.put("ipv6", network.ipv6());
        n.put("internal", network.internal());
        n.put("attachable", network.attachable());
        n.put("encrypted", network.encrypted());
        if (network.mtu().isPresent()) {
            n.put("mtu", network.mtu().getAsInt());
        } else {
            n.putNull("mtu");
        }
        ObjectNode labels = n.putObject("labels");
        network.labels().forEach(labels::put);
        ObjectNode options = n.putObject("options");
        new TreeMap<>(network.options()).forEach(options::put);
        ArrayNode args = root.putArray("docker-args");
        DockerNetworkCreate.args(network).forEach(args::add);
        ArrayNode problems = root.putArray("problems");
        for (Finding f : findings) {
            ObjectNode o = problems.addObject();
            o.put("severity", f.severity().label());
            o.put("path", f.subject());
            o.put("option", option(f.subject()));
            o.put("message", f.message());
            o.put("hint", f.fix().orElse(null));
        }
        return root;
    }
}
