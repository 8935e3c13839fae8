package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmResetPlan;
import io.ovl.swarm.SwarmStep;
import java.util.stream.Collectors;

/** How swarm-mode init and reset plans and reports look: text for people, JSON for scripts. */
final class SwarmView {
    private SwarmView() {
    }

    static String planText(SwarmPlan plan) {
        StringBuilder b = new StringBuilder("Plan (swarm mode): ");
        b.append(plan.clusterId().map(id -> "swarm " + id + ", answered by " + plan.manager())
                .orElse("a new swarm, started on " + plan.manager())).append('\n');
        plan.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        b.append("hosts:\n");
        plan.hosts().forEach(s -> b.append(hostLine(s)));
        if (!plan.networks().isEmpty()) {
            b.append("networks:\n");
        }
        for (NetworkStep n : plan.networks()) {
            b.append("  ").append(n.spec().name()).append(": ").append(n.createOn()
                    .map(on -> "create on " + on + " (overlay, attachable" + (n.spec().encrypted() ? ", encrypted" : "")
                            + (n.spec().pools().isEmpty() ? "" : ", subnet " + n.spec().subnets().stream()
                                    .map(Object::toString).collect(Collectors.joining(","))) + ")")
                    .orElse("no change: present in the swarm")).append('\n');
        }
        if (plan.blocked()) {
            b.append("blocked (nothing will be changed):\n");
            plan.blockers().forEach(x -> b.append("  ").append(x.format()).append('\n'));
        } else if (plan.nothingToDo()) {
            b.append("Nothing to do: every host is already in the swarm and every network exists.\n");
        }
        return b.toString();
    }

    /** "  h2 (worker): join (not in a swarm; joins as worker)", one line with its newline. */
    static String hostLine(SwarmStep s) {
        return "  " + s.host() + " (" + s.role().key() + "): " + switch (s.action()) {
            case NONE -> "no change: " + s.why();
            case INIT -> (s.leaveFirst() ? "leave its swarm, then " : "") + "swarm init (" + s.why() + ")";
            case JOIN -> (s.leaveFirst() ? "leave its swarm, then " : "") + "join (" + s.why() + ")";
        } + "\n";
    }

    static ObjectNode planJson(SwarmPlan plan) {
        ObjectNode root = Json.object();
        root.put("mode", "swarm");
        if (plan.clusterId().isPresent()) {
            root.put("swarm-id", plan.clusterId().get());
        } else {
            root.putNull("swarm-id");
        }
        root.put("manager", plan.manager());
        ArrayNode hosts = root.putArray("hosts");
        for (SwarmStep s : plan.hosts()) {
            ObjectNode h = hosts.addObject();
            h.put("host", s.host());
            h.put("role", s.role().key());
            h.put("action", s.action().name().toLowerCase());
            h.put("leave-first", s.leaveFirst());
            h.put("why", s.why());
        }
        ArrayNode networks = root.putArray("networks");
        for (NetworkStep n : plan.networks()) {
            ObjectNode o = networks.addObject();
            o.put("name", n.spec().name());
            if (n.createOn().isPresent()) {
                o.put("create-on", n.createOn().get());
            } else {
                o.putNull("create-on");
            }
        }
        root.set("blockers", InitView.blockersJson(plan.blockers()));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        root.put("nothing-to-do", plan.nothingToDo());
        return root;
    }

    static String resetPlanText(SwarmResetPlan plan) {
        StringBuilder b = new StringBuilder("Reset plan (swarm mode):\n");
        plan.removeNetworks().forEach(n -> b.append("  network ").append(n).append(": remove on ")
                .append(plan.manager()).append('\n'));
        for (SwarmResetPlan.Leave l : plan.leaves()) {
            if (l.demoteFirst()) {
                b.append("  ").append(l.host()).append(": demote to worker (on ").append(plan.manager()).append(")\n");
            }
            b.append("  ").append(l.host()).append(": leave the swarm").append(l.force() ? " with force" : "")
                    .append(" (").append(l.why()).append(")\n");
        }
        plan.staying().forEach(s -> b.append("  ").append(s.host()).append(": no change (").append(s.why()).append(")\n"));
        plan.blockers().forEach(x -> b.append("  blocked: ").append(x.format()).append('\n'));
        if (plan.blockers().isEmpty() && plan.nothingToDo()) {
            b.append("Nothing to do: no host is in a swarm.\n");
        }
        return b.toString();
    }

    static ObjectNode resetPlanJson(SwarmResetPlan plan) {
        ObjectNode root = Json.object();
        root.put("mode", "swarm");
        root.put("manager", plan.manager());
        ArrayNode networks = root.putArray("remove-networks");
        plan.removeNetworks().forEach(networks::add);
        ArrayNode leaves = root.putArray("leave");
        for (SwarmResetPlan.Leave l : plan.leaves()) {
            ObjectNode o = leaves.addObject();
            o.put("host", l.host());
            o.put("demote-first", l.demoteFirst());
            o.put("force", l.force());
        }
        root.set("blockers", InitView.blockersJson(plan.blockers()));
        root.put("nothing-to-do", plan.nothingToDo());
        return root;
    }

    static String resetReportText(ChangeReport report) {
        StringBuilder b = new StringBuilder("Summary:\n");
        for (NetworkOutcome n : report.networks()) {
            b.append("  network ").append(n.name()).append(": ").append(n.error().orElse("removed")).append('\n');
        }
        report.hosts().forEach(o -> b.append("  ").append(o.host()).append(": ")
                .append(o.status().name().toLowerCase().replace('_', ' ')).append(": ").append(o.detail()).append('\n'));
        long failed = report.hosts().stream().filter(HostOutcome::failed).count();
        if (report.interrupted()) {
            return b.append(InitView.interruptedLine(report, "reset")).append('\n').toString();
        }
        boolean changed = !report.networks().isEmpty()
                || report.hosts().stream().anyMatch(o -> o.status() == HostOutcome.Status.CHANGED);
        b.append(failed > 0 || report.networks().stream().anyMatch(n -> !n.ok()) ? "reset failed."
                : changed ? "reset done." : "reset: nothing changed.").append('\n');
        return b.toString();
    }
}
