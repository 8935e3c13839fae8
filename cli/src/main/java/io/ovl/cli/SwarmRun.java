package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.ParallelHosts;
import io.ovl.provision.InitReport;
import io.ovl.provision.RunLock;
import io.ovl.swarm.SwarmHosts;
import io.ovl.swarm.SwarmInit;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmReset;
import io.ovl.swarm.SwarmResetPlan;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * init and reset for {@code mode: swarm}: the same flow as kv mode (plan, print, apply the same
 * plan, report), over the swarm engine.
 */
final class SwarmRun {
    private final Topology topology;
    private final Path file;
    private final int parallel;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;

    SwarmRun(Topology topology, Path file, int parallel, boolean json, PrintWriter out, PrintWriter err) {
        this.topology = topology;
        this.file = file;
        this.parallel = parallel;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    int init(boolean dryRun, boolean force) throws Exception {
        try (SwarmHosts hosts = open(); AutoCloseable lock = dryRun ? null : lock(hosts, "init")) {
            SwarmInit init = new SwarmInit(topology, hosts);
            SwarmPlan plan = init.plan(force);
            if (!json) {
                out.print(SwarmView.planText(plan));
                out.flush();
            }
            if (dryRun || plan.blocked()) {
                return ProvisionRun.endWithoutApplying(out, json, dryRun, SwarmView.planJson(plan), plan.blockers());
            }
            InitReport report = init.apply(plan, ProvisionRun.lines(json ? err : out));
            return ProvisionRun.printApplied(out, json, SwarmView.planJson(plan), report, InitView.reportText(report, "init"));
        }
    }

    int reset(boolean dryRun, boolean force) throws Exception {
        try (SwarmHosts hosts = open(); AutoCloseable lock = dryRun ? null : lock(hosts, "reset")) {
            SwarmReset reset = new SwarmReset(topology, hosts);
            SwarmResetPlan plan = reset.plan(force);
            if (!json) {
                out.print(SwarmView.resetPlanText(plan));
                out.flush();
            }
            if (dryRun || !plan.blockers().isEmpty()) {
                if (json) {
                    var root = Json.object();
                    root.put("dry-run", dryRun);
                    root.set("plan", SwarmView.resetPlanJson(plan));
                    out.println(Json.write(root));
                    out.flush();
                }
                if (!plan.blockers().isEmpty()) {
                    throw new OvlException(ExitCode.CHECKS_FAILED, "nothing was changed: " + plan.blockers().get(0).format());
                }
                return ExitCode.OK.code();
            }
            InitReport report = reset.apply(plan, ProvisionRun.lines(json ? err : out));
            return ProvisionRun.printApplied(out, json, SwarmView.resetPlanJson(plan), report, SwarmView.resetReportText(report));
        }
    }

    private SwarmHosts open() {
        return SwarmHosts.overSsh(topology, file, SshConnector.fromSystem(), new ParallelHosts(parallel));
    }

    /** The run lock on the first overlay host, released also on Ctrl-C (as in kv mode). */
    private AutoCloseable lock(SwarmHosts hosts, String command) {
        String first = topology.overlayHosts().get(0).name();
        var host = hosts.get(first).orElseThrow(() -> new OvlException(ExitCode.HOST_FAILED, "host " + first
                + ": lock: cannot reach it (" + hosts.unreachableReason(first).orElse("unreachable")
                + "); the run lock lives there"));
        RunLock lock = RunLock.acquire(host.shell(), first, ProvisionRun.owner(command));
        Thread release = new Thread(lock::close, "ovl-release-lock");
        Runtime.getRuntime().addShutdownHook(release);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(release);
            } catch (IllegalStateException shuttingDown) {
                return;
            }
            lock.close();
        };
    }
}
