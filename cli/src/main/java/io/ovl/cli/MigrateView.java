package io.ovl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.ssh.RemoteCommand;
import io.ovl.migrate.Attachment;
import io.ovl.migrate.CarriedNetwork;
import io.ovl.migrate.KvInventory;
import io.ovl.migrate.MigrationPlan;
import io.ovl.migrate.MigrationReport;
import io.ovl.migrate.NetworkCheck;
import io.ovl.migrate.Reconnect;
import io.ovl.change.NetworkStep;
import io.ovl.topology.Host;
import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** How migrate's plan and report look: text for people, JSON (key order fixed here) for scripts. */
final class MigrateView {
    private MigrateView() {
    }

    static String planText(MigrationPlan plan) {
        StringBuilder b = new StringBuilder("Migration plan: kv mode to swarm mode\n");
        b.append("kv store: ").append(plan.inventory().clusterStore().map(s -> s + " is kept (its container holds the"
                + " old state; `ovl reset -f KV-TOPOLOGY` removes it once you no longer need it)")
                .orElse("none in use")).append('\n');
        plan.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        b.append("1. save the kv inventory (").append(plan.inventory().networks().size()).append(" network(s), ")
                .append(plan.inventory().attachments().size()).append(" attachment(s)) to ").append(KvInventory.PATH)
                .append(" on ").append(plan.target().overlayHosts().stream().map(Host::name)
                        .collect(Collectors.joining(", "))).append('\n');
        b.append("2. remove ovl's kv configuration:\n");
        plan.kvReset().hosts().forEach(h -> b.append(InitView.hostLine(h)));
        b.append("3. swarm: ").append(plan.swarm().clusterId().map(id -> "swarm " + id + ", answered by "
                + plan.swarm().manager()).orElse("a new swarm, started on " + plan.swarm().manager())).append('\n');
        plan.swarm().hosts().forEach(s -> b.append(SwarmView.hostLine(s)));
        b.append("4. networks, created on the manager, attachable, then checked there:\n");
        for (CarriedNetwork n : plan.networks()) {
            b.append("  ").append(n.name()).append(": ").append(createOn(plan, n.name())
                    .map(on -> "create on " + on).orElse("present in the swarm")).append(" (")
                    .append(n.fromKv() ? "kv network" : "topology network").append("): ").append(addressing(n.spec()))
                    .append('\n');
            n.notKept().forEach(x -> b.append("      not kept: ").append(x).append('\n'));
        }
        b.append("5. containers to reconnect, on their hosts, once their networks exist (").append(plan.reconnects().size())
                .append("):\n");
        reconnectLines(b, plan.reconnects());
        if (plan.blocked()) {
            b.append("blocked (nothing will be changed):\n");
            plan.blockers().forEach(x -> b.append("  ").append(x.format()).append('\n'));
        } else if (plan.nothingToDo()) {
            b.append("Nothing to do: no host has ovl's kv configuration, every host is in the swarm and every network"
                    + " exists.").append(plan.reconnects().isEmpty() ? "" : " The containers above still name the kv"
                    + " networks: reconnect them with the commands shown.").append('\n');
        }
        return b.toString();
    }

    private static Optional<String> createOn(MigrationPlan plan, String network) {
        return plan.swarm().networks().stream().filter(s -> s.spec().name().equals(network)).findFirst()
                .flatMap(NetworkStep::createOn);
    }

    private static String addressing(NetworkSpec s) {
        String pools = s.pools().isEmpty() ? "subnet chosen by swarm" : s.pools().stream().map(p -> "subnet " + p.subnet()
                        + p.ipRange().map(r -> ", ip-range " + r).orElse("")
                        + p.gateway().map(g -> ", gateway " + g).orElse("")
                        + (p.auxAddresses().isEmpty() ? "" : ", aux-addresses " + p.auxAddresses()))
                .collect(Collectors.joining("; "));
        return pools
                + (s.internal() ? ", internal" : "") + (s.encrypted() ? ", encrypted" : "")
                + (s.mtu().isPresent() ? ", mtu " + s.mtu().getAsInt() : "")
                + (s.options().isEmpty() ? "" : ", options " + new java.util.TreeMap<>(s.options()));
    }

    private static void reconnectLines(StringBuilder b, List<Reconnect> reconnects) {
        if (reconnects.isEmpty()) {
            b.append("  none\n");
        }
        for (Reconnect r : reconnects) {
            b.append("  ").append(r.host()).append(": ").append(r.container()).append(" (")
                    .append(r.attachments().stream().map(a -> a.network() + (a.ipv4().isEmpty() ? "" : " " + a.ipv4()))
                            .collect(Collectors.joining(", "))).append(r.stopped() ? ", stopped before the migration:"
                            + " reconnected, not started" : "").append("):\n      ")
                    .append(r.commands().stream().map(MigrateView::shell).collect(Collectors.joining(" && ")))
                    .append('\n');
        }
    }

    private static String shell(List<String> argv) {
        return argv.stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
    }

    static String reportText(MigrationReport report) {
        StringBuilder b = new StringBuilder("Summary:\n");
        report.saved().forEach(o -> b.append(InitView.outcomeLine("inventory " + o.host(), o)));
        report.kvReset().ifPresent(r -> r.hosts().forEach(o -> b.append(InitView.outcomeLine("kv config " + o.host(), o))));
        report.swarm().ifPresent(r -> {
            r.hosts().forEach(o -> b.append(InitView.outcomeLine("swarm " + o.host(), o)));
            r.networks().forEach(n -> b.append("  network ").append(n.name()).append(": ").append(n.error()
                    .orElse(n.createdOn().map(h -> "created on " + h).orElse("present")
                            + (n.missingOn().isEmpty() ? "" : "; MISSING on " + String.join(", ", n.missingOn()))))
                    .append('\n'));
        });
        for (NetworkCheck c : report.checks()) {
            b.append("  check ").append(c.name()).append(": ").append(c.ok() ? "subnet, ip-range, gateway and options as"
                    + " planned" : "DIFFERS: " + String.join("; ", c.differences())).append('\n');
        }
        report.reconnected().forEach(o -> b.append(InitView.outcomeLine("reconnect " + o.host(), o)));
        b.append("Containers to reconnect (").append(report.reconnects().size()).append("):\n");
        reconnectLines(b, report.reconnects());
        report.stopped().ifPresent(s -> b.append("migrate stopped: ").append(s).append('\n'));
        if (report.stopped().isEmpty()) {
            b.append(report.exitCode().code() != 0 ? "migrate finished with problems (see above).\n"
                    : report.changedAnything() ? "migrate done.\n" : "migrate: nothing changed.\n");
        }
        return b.toString();
    }

    static ObjectNode planJson(MigrationPlan plan) {
        ObjectNode root = Json.object();
        if (plan.inventory().clusterStore().isPresent()) {
            root.put("kv-store", plan.inventory().clusterStore().get());
        } else {
            root.putNull("kv-store");
        }
        root.put("inventory-path", KvInventory.PATH);
        root.set("kv-reset", InitView.resetPlanJson(plan.kvReset()));
        root.set("swarm", SwarmView.planJson(plan.swarm()));
        ArrayNode networks = root.putArray("networks");
        for (CarriedNetwork n : plan.networks()) {
            ObjectNode o = networks.addObject();
            NetworkSpec s = n.spec();
            o.put("name", n.name());
            o.put("from-kv", n.fromKv());
            NetworkReport.putAddressing(o, s);
            o.put("internal", s.internal());
            o.put("encrypted", s.encrypted());
            ObjectNode options = o.putObject("options");
            new java.util.TreeMap<>(s.options()).forEach(options::put);
            putOptional(o, "create-on", createOn(plan, n.name()));
            ArrayNode notKept = o.putArray("not-kept");
            n.notKept().forEach(notKept::add);
        }
        root.set("reconnect", reconnectJson(plan.reconnects()));
        root.set("blockers", InitView.blockersJson(plan.blockers()));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        root.put("nothing-to-do", plan.nothingToDo());
        return root;
    }

    static ObjectNode reportJson(MigrationReport report) {
        ObjectNode root = Json.object();
        root.put("exit-code", report.exitCode().code());
        root.put("changed", report.changedAnything());
        root.set("saved", InitView.outcomesJson(report.saved()));
        root.set("kv-reset", report.kvReset().<JsonNode>map(InitView::reportJson).orElse(NullNode.getInstance()));
        root.set("swarm", report.swarm().<JsonNode>map(InitView::reportJson).orElse(NullNode.getInstance()));
        ArrayNode checks = root.putArray("checks");
        for (NetworkCheck c : report.checks()) {
            ObjectNode o = checks.addObject();
            o.put("name", c.name());
            o.put("ok", c.ok());
            ArrayNode d = o.putArray("differences");
            c.differences().forEach(d::add);
        }
        root.set("reconnected", InitView.outcomesJson(report.reconnected()));
        root.set("reconnect", reconnectJson(report.reconnects()));
        putOptional(root, "stopped", report.stopped());
        return root;
    }

    private static ArrayNode reconnectJson(List<Reconnect> reconnects) {
        ArrayNode out = Json.object().arrayNode();
        for (Reconnect r : reconnects) {
            ObjectNode o = out.addObject();
            o.put("host", r.host());
            o.put("container", r.container());
            o.put("stopped", r.stopped());
            ArrayNode nets = o.putArray("networks");
            for (Attachment a : r.attachments()) {
                ObjectNode n = nets.addObject();
                n.put("network", a.network());
                n.put("ipv4", a.ipv4());
            }
            ArrayNode commands = o.putArray("commands");
            for (List<String> argv : r.commands()) {
                ArrayNode c = commands.addArray();
                argv.forEach(c::add);
            }
        }
        return out;
    }

    private static void putOptional(ObjectNode o, String key, Optional<String> value) {
        if (value.isPresent()) {
            o.put(key, value.get());
        } else {
            o.putNull(key);
        }
    }
}
