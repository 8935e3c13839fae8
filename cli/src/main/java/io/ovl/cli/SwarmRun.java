package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.doctor.IgnoreList;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.provision.InitReport;
import io.ovl.provision.PreflightReport;
import io.ovl.hosts.SshHostHandle;
import io.ovl.ssh.SessionPool;
import io.ovl.swarm.SwarmInit;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmReset;
import io.ovl.swarm.SwarmResetPlan;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * init and reset for {@code mode: swarm}: the same flow as kv mode (plan, print, apply the same
 * plan, report), over the swarm engine.
 */
final class SwarmRun {
    private final Topology topology;
    private final Path file;
    private final int parallel;
    private final SessionPool pool;
    private final JsonReply.Sink json;
    private final PrintWriter out;
    private final PrintWriter err;

    /** @param pool where host sessions come from (the shell's, or the command's own: see {@link CommandSessions}) */
    SwarmRun(Topology topology, Path file, int parallel, SessionPool pool, JsonReply.Sink json, PrintWriter out, PrintWriter err) {
        this.topology = topology;
        this.file = file;
        this.parallel = parallel;
        this.pool = pool;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    int init(boolean dryRun, boolean force, boolean skipChecks, IgnoreList ignore) throws Exception {
        try (OpenHosts hosts = open(); AutoCloseable lock = dryRun ? null : ProvisionRun.lock(hosts, topology, "init");
             Interrupts interrupts = Interrupts.install(err, ProvisionRun.INIT_ADVICE)) {
            PreflightReport checks = PreflightRun.run(topology, file, host -> handleOf(hosts, host), parallel,
                    skipChecks, ignore, json.on() ? err : out, err);
            SwarmInit init = new SwarmInit(topology, hosts);
            SwarmPlan plan = init.plan(force);
            // doctor's failures first: they carry the fix, and swarm's own blockers often follow from them
            List<Finding> blockers = new ArrayList<>(checks.blockers());
            blockers.addAll(plan.blockers());
            if (!json.on()) {
                out.print(PreflightRun.text(checks));
                out.print(SwarmView.planText(plan));
                if (!plan.blocked() && checks.failed()) {
                    out.println("blocked by the checks (nothing will be changed):");
                    checks.blockers().forEach(x -> out.println("  " + x.format()));
                }
                out.flush();
            }
            ObjectNode planJson = SwarmView.planJson(plan);
            planJson.set("blockers", InitView.blockersJson(blockers));
            planJson.set("checks", PreflightRun.json(checks));
            if (dryRun || !blockers.isEmpty()) {
                return ProvisionRun.endWithoutApplying(json, dryRun, planJson, blockers);
            }
            InitReport report = interrupts.changing(interruption -> init.apply(plan, ProvisionRun.lines(json.on() ? err : out),
                    interruption));
            return interrupts.exitCode(ProvisionRun.printApplied(out, json, planJson, report,
                    InitView.reportText(report, "init")));
        }
    }

    int reset(boolean dryRun, boolean force) throws Exception {
        try (OpenHosts hosts = open(); AutoCloseable lock = dryRun ? null : ProvisionRun.lock(hosts, topology, "reset");
             Interrupts interrupts = Interrupts.install(err, ProvisionRun.RESET_ADVICE)) {
            SwarmReset reset = new SwarmReset(topology, hosts);
            SwarmResetPlan plan = reset.plan(force);
            if (!json.on()) {
                out.print(SwarmView.resetPlanText(plan));
                out.flush();
            }
            if (dryRun || !plan.blockers().isEmpty()) {
                if (json.on()) {
                    var root = Json.object();
                    root.put("dry-run", dryRun);
                    root.set("plan", SwarmView.resetPlanJson(plan));
                    json.body(root);
                }
                if (!plan.blockers().isEmpty()) {
                    throw new OvlException(ExitCode.CHECKS_FAILED, "nothing was changed: " + plan.blockers().get(0).format());
                }
                return ExitCode.OK.code();
            }
            InitReport report = interrupts.changing(interruption -> reset.apply(plan, ProvisionRun.lines(json.on() ? err : out),
                    interruption));
            return interrupts.exitCode(ProvisionRun.printApplied(out, json, SwarmView.resetPlanJson(plan), report,
                    SwarmView.resetReportText(report)));
        }
    }

    /**
     * The handle doctor's checks use for {@code host}: the swarm run's own for an overlay host; a
     * host with {@code overlay: false} joins no swarm, so the run has none, but doctor checks every
     * host of the topology (as {@code ovl doctor} does), so it gets one over the same pool's session
     * (lent by the pool, which closes it).
     */
    private HostHandle handleOf(OpenHosts hosts, Host host) {
        if (!host.overlay()) {
            return SshHostHandle.fromPool(topology, file, pool).apply(host);
        }
        return hosts.lend(host.name());
    }

    /** The overlay hosts only: a host with {@code overlay: false} joins no swarm. */
    private OpenHosts open() {
        return OpenHosts.overSsh(topology, file, topology.overlayHosts(), pool, new ParallelHosts(parallel));
    }
}
