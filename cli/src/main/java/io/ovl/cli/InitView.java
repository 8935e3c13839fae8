package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.ssh.RemoteCommand;
import io.ovl.core.Finding;
import io.ovl.kvmode.FileChange;
import io.ovl.change.HostOutcome;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.kvmode.Plan;
import io.ovl.kvmode.ResetPlan;
import io.ovl.kvmode.StoreStep;
import io.ovl.render.ContainerSpec;
import io.ovl.topology.DockerNetworkCreate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How init and reset plans and reports look: text for people, JSON (key order fixed here) for
 * scripts. Pure functions of the engine's values.
 */
final class InitView {
    private InitView() {
    }

    static String planText(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("Plan: every overlay dockerd gets --cluster-store=").append(plan.storeUrl()).append('\n');
        b.append("store:\n");
        if (plan.store().isEmpty()) {
            b.append("  external store; ovl starts nothing\n");
        }
        for (StoreStep s : plan.store()) {
            b.append("  ").append(s.host()).append(": ").append(switch (s.action()) {
                case CREATE -> "create container " + describe(s.spec());
                case START -> "start the stopped container " + s.spec().name();
                case NONE -> "no change: " + s.spec().name() + " is running";
            }).append('\n');
        }
        b.append("hosts:\n");
        for (HostPlan h : plan.hosts()) {
            b.append(hostLine(h));
        }
        if (!plan.networks().isEmpty()) {
            b.append("networks:\n");
        }
        for (NetworkStep n : plan.networks()) {
            b.append("  ").append(n.spec().name()).append(": ").append(n.createOn()
                    .map(on -> "create on " + on + ": " + DockerNetworkCreate.args(n.spec()).stream()
                            .map(RemoteCommand::quote).collect(Collectors.joining(" ")))
                    .orElse("no change: present on " + String.join(", ", n.presentOn()))).append('\n');
        }
        if (plan.blocked()) {
            b.append("blocked (nothing will be changed):\n");
            plan.blockers().forEach(x -> b.append("  ").append(x.format()).append('\n'));
        } else if (plan.nothingToDo()) {
            b.append("Nothing to do: every host is already configured.\n");
        }
        return b.toString();
    }

    static String resetPlanText(ResetPlan plan) {
        StringBuilder b = new StringBuilder("Reset plan:\nhosts:\n");
        plan.hosts().forEach(h -> b.append(hostLine(h)));
        b.append("store:\n");
        for (ResetPlan.StoreRemoval s : plan.store()) {
            b.append("  ").append(s.host()).append(": ").append(s.containerExists() ? "remove container " + s.container()
                    : "no container " + s.container()).append(s.volumes().isEmpty() ? "; data volume kept"
                    : "; remove volumes " + String.join(", ", s.volumes()) + " (if present)").append('\n');
        }
        plan.blockers().forEach(x -> b.append("  blocked: ").append(x.format()).append('\n'));
        return b.toString();
    }

    static String hostLine(HostPlan h) {
        StringBuilder b = new StringBuilder("  ").append(h.host()).append(": ");
        if (!h.changesSomething()) {
            return b.append("no change (").append(h.why()).append("); not restarted\n").toString();
        }
        for (FileChange f : h.files()) {
            b.append(f.removes() ? "remove " : "write ").append(f.path()).append("; ");
        }
        b.append(h.restartDocker() ? "restart docker (" + h.why() + "; " + h.runningContainers()
                + " running container(s) stop)" : h.why()).append('\n');
        for (FileChange f : h.files()) {
            f.diff().lines().forEach(l -> b.append("      ").append(l).append('\n'));
        }
        return b.toString();
    }

    private static String describe(ContainerSpec s) {
        return s.name() + " (image " + s.image() + ", network " + s.networkMode() + ", restart " + s.restartPolicy()
                + s.volumes().stream().map(v -> ", volume " + v.volume() + ":" + v.path()).collect(Collectors.joining())
                + s.listens().stream().map(l -> ", listens " + l.ip() + ":" + l.port()).collect(Collectors.joining()) + ")";
    }

    static String reportText(ChangeReport report, String what) {
        StringBuilder b = new StringBuilder("Summary:\n");
        report.store().forEach(o -> b.append(outcomeLine("store " + o.host(), o)));
        report.hosts().forEach(o -> b.append(outcomeLine(o.host(), o)));
        for (NetworkOutcome n : report.networks()) {
            b.append("  network ").append(n.name()).append(": ")
                    .append(n.error().orElse(n.createdOn().map(h -> "created on " + h + "; ").orElse("")
                            + "seen on " + (n.seenOn().isEmpty() ? "no host" : String.join(", ", n.seenOn()))
                            + (n.missingOn().isEmpty() ? "" : "; MISSING on " + String.join(", ", n.missingOn()))))
                    .append('\n');
        }
        long failed = report.hosts().stream().filter(HostOutcome::failed).count()
                + report.store().stream().filter(HostOutcome::failed).count();
        if (report.interrupted()) {
            return b.append(interruptedLine(report, what)).append('\n').toString();
        }
        b.append(failed > 0 ? what + " failed on " + failed + " host(s)."
                : report.changedAnything() ? what + " done." : what + ": nothing changed, nothing restarted.").append('\n');
        return b.toString();
    }

    /**
     * "init interrupted: 1 host(s) done, 2 not started; nothing is left half-done. Run `ovl init` again
     * to finish." The steps in flight finished (done or rolled back), so only a FAILED host (its
     * rollback failed too) may be in between, and its line says what is left.
     */
    static String interruptedLine(ChangeReport report, String what) {
        java.util.List<HostOutcome> all = new java.util.ArrayList<>(report.store());
        all.addAll(report.hosts());
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (HostOutcome.Status s : HostOutcome.Status.values()) {
            long n = all.stream().filter(o -> o.status() == s).count();
            if (n > 0) {
                counts.put(switch (s) {
                    case CHANGED -> "done";
                    case UNCHANGED -> "needed nothing";
                    case ROLLED_BACK -> "rolled back";
                    case FAILED -> "FAILED (unknown state, see above)";
                    case SKIPPED -> "skipped";
                    case NOT_STARTED -> "not started";
                }, n);
            }
        }
        boolean unknown = all.stream().anyMatch(o -> o.status() == HostOutcome.Status.FAILED);
        return what + " interrupted: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + (unknown ? "" : "; nothing is left half-done") + ". Run `ovl "
                + what + "` again to finish.";
    }

    static String outcomeLine(String label, HostOutcome o) {
        return "  " + label + ": " + o.status().name().toLowerCase().replace('_', ' ') + ": " + o.detail() + "\n";
    }

    static ObjectNode planJson(Plan plan) {
        ObjectNode root = Json.object();
        root.put("store-url", plan.storeUrl());
        ArrayNode store = root.putArray("store");
        for (StoreStep s : plan.store()) {
            ObjectNode n = store.addObject();
            n.put("host", s.host());
            n.put("container", s.spec().name());
            n.put("image", s.spec().image());
            n.put("action", s.action().name().toLowerCase());
        }
        root.set("hosts", hostPlansJson(plan.hosts()));
        ArrayNode networks = root.putArray("networks");
        for (NetworkStep s : plan.networks()) {
            ObjectNode n = networks.addObject();
            n.put("name", s.spec().name());
            if (s.createOn().isPresent()) {
                n.put("create-on", s.createOn().get());
            } else {
                n.putNull("create-on");
            }
            ArrayNode present = n.putArray("present-on");
            s.presentOn().forEach(present::add);
        }
        root.set("blockers", blockersJson(plan.blockers()));
        root.put("nothing-to-do", plan.nothingToDo());
        return root;
    }

    static ObjectNode resetPlanJson(ResetPlan plan) {
        ObjectNode root = Json.object();
        root.set("hosts", hostPlansJson(plan.hosts()));
        ArrayNode store = root.putArray("store");
        for (ResetPlan.StoreRemoval s : plan.store()) {
            ObjectNode n = store.addObject();
            n.put("host", s.host());
            n.put("container", s.container());
            n.put("exists", s.containerExists());
            ArrayNode v = n.putArray("remove-volumes");
            s.volumes().forEach(v::add);
        }
        root.set("blockers", blockersJson(plan.blockers()));
        root.put("nothing-to-do", plan.nothingToDo());
        return root;
    }

    private static ArrayNode hostPlansJson(List<HostPlan> hosts) {
        ArrayNode out = Json.object().arrayNode();
        for (HostPlan h : hosts) {
            ObjectNode n = out.addObject();
            n.put("host", h.host());
            n.put("restart-docker", h.restartDocker());
            n.put("why", h.why());
            n.put("running-containers", h.runningContainers());
            ArrayNode files = n.putArray("files");
            for (FileChange f : h.files()) {
                ObjectNode fn = files.addObject();
                fn.put("path", f.path());
                fn.put("action", f.removes() ? "remove" : f.before().isPresent() ? "replace" : "create");
                fn.put("diff", f.diff());
            }
        }
        return out;
    }

    static ArrayNode blockersJson(List<Finding> blockers) {
        ArrayNode out = Json.object().arrayNode();
        for (Finding x : blockers) {
            ObjectNode n = out.addObject();
            n.put("host", x.host());
            n.put("check", x.subject());
            n.put("message", x.messageWithFix());
        }
        return out;
    }

    static ObjectNode reportJson(ChangeReport report) {
        ObjectNode root = Json.object();
        root.put("exit-code", report.exitCode().code());
        root.put("interrupted", report.interrupted());
        root.put("changed", report.changedAnything());
        root.set("store", outcomesJson(report.store()));
        root.set("hosts", outcomesJson(report.hosts()));
        ArrayNode networks = root.putArray("networks");
        for (NetworkOutcome n : report.networks()) {
            ObjectNode o = networks.addObject();
            o.put("name", n.name());
            if (n.createdOn().isPresent()) {
                o.put("created-on", n.createdOn().get());
            } else {
                o.putNull("created-on");
            }
            ArrayNode seen = o.putArray("seen-on");
            n.seenOn().forEach(seen::add);
            ArrayNode missing = o.putArray("missing-on");
            n.missingOn().forEach(missing::add);
            if (n.error().isPresent()) {
                o.put("error", n.error().get());
            } else {
                o.putNull("error");
            }
        }
        return root;
    }

    static ArrayNode outcomesJson(List<HostOutcome> outcomes) {
        ArrayNode out = Json.object().arrayNode();
        for (HostOutcome o : outcomes) {
            ObjectNode n = out.addObject();
            n.put("host", o.host());
            n.put("status", o.status().name().toLowerCase().replace('_', '-'));
            n.put("detail", o.detail());
        }
        return out;
    }
}
