package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.ssh.RemoteCommand;
import io.ovl.core.Finding;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.stream.Collectors;

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

    /** The flag a finding is about: "aux-addresses.ip2" was given as "--aux-address ip2=...". */
    static String option(String path) {
        if (path.startsWith("aux-addresses.")) {
            return ("--aux-address " + path.substring("aux-addresses.".length())).strip();
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
        row(sb, "subnet", network.subnet().map(Object::toString).orElse("chosen by Docker"));
        row(sb, "ip-range", network.ipRange().map(Object::toString).orElse("the whole subnet"));
        row(sb, "gateway", network.gateway().map(Object::toString).orElse("chosen by Docker"));
        row(sb, "aux-addresses", network.auxAddresses().isEmpty() ? "none" : network.auxAddresses().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        row(sb, "internal", yesNo(network.internal()));
        row(sb, "attachable", yesNo(network.attachable()));
        row(sb, "encrypted", yesNo(network.encrypted()));
        row(sb, "mtu", network.mtu().isPresent() ? String.valueOf(network.mtu().getAsInt()) : "Docker's default");
        row(sb, "labels", network.labels().isEmpty() ? "none" : network.labels().entrySet().stream()
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

    private ObjectNode jsonTree() {
        ObjectNode root = Json.object();
        root.put("valid", valid());
        root.put("dry-run", dryRun);
        ObjectNode n = root.putObject("network");
        n.put("name", network.name());
        n.put("driver", "overlay");
        n.put("subnet", network.subnet().map(Object::toString).orElse(null));
        n.put("ip-range", network.ipRange().map(Object::toString).orElse(null));
        n.put("gateway", network.gateway().map(Object::toString).orElse(null));
        ObjectNode aux = n.putObject("aux-addresses");
        network.auxAddresses().forEach((k, v) -> aux.put(k, v.toString()));
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
