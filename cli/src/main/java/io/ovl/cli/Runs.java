package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.RunLock;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.SessionPool;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.Console;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What init and reset share on the CLI side: loading, sessions, the lock owner, the --yes rule, progress lines. */
final class Runs {
    /** What to run after a hard stop (a second interrupt) of init, and of reset. */
    static final String INIT_ADVICE = "run `ovl init` again or `ovl reset`";
    static final String RESET_ADVICE = "run `ovl reset` again";

    private Runs() {
    }

    static Topology load(Path file) {
        return new TopologyLoader().load(file).orThrow();
    }

    /** One session per host from {@code pool} (the shell's, or the command's own: see {@link CommandSessions}). */
    static OpenHosts open(Topology topology, Path file, int parallel, SessionPool pool) {
        return OpenHosts.overSsh(topology, file, topology.hosts(), pool, new ParallelHosts(parallel));
    }

    /** "ovl init by root@laptop pid 4242", written into the lock (which adds when it was taken, by the host's clock). */
    static String owner(String command) {
        String machine;
        try {
            machine = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            machine = "unknown-host";
        }
        return "ovl " + command + " by " + System.getProperty("user.name") + "@" + machine + " pid "
                + ProcessHandle.current().pid();
    }

    /**
     * Restarting dockerd stops its containers: ask on a terminal, refuse (exit 2) elsewhere unless --yes.
     */
    static void confirmRestarts(List<HostPlan> risky, boolean yes, CliEnvironment env) {
        if (risky.isEmpty() || yes) {
            return;
        }
        String list = risky.stream().map(h -> h.host() + " (" + h.runningContainers() + " running)")
                .collect(Collectors.joining(", "));
        confirm("Restarting docker stops the containers on " + list + ". Go ahead? [y/N] ",
                "restarting docker would stop running containers on " + list + "; nothing was changed. Pass --yes to"
                        + " restart them anyway (add --rolling for one host at a time)", env);
    }

    /**
     * Asks {@code question} on a terminal (yes goes on); elsewhere, or without a yes, refuses with
     * exit 2 and {@code refusal}, which should name --yes. Callers skip it when --yes was given.
     */
    static void confirm(String question, String refusal, CliEnvironment env) {
        Console console = System.console();
        if (env.stdoutIsTerminal() && console != null) {
            // The Console is the one sink that is not a command's guarded writer.
            String answer = console.readLine("%s", EscapingWriter.escape(question));
            if (answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase())) {
                return;
            }
            throw new OvlException(ExitCode.USAGE, "not confirmed; nothing was changed");
        }
        throw new OvlException(ExitCode.USAGE, refusal);
    }

    /**
     * The one way a command that changes hosts takes the run lock (init, reset, migrate, swarm init
     * and reset, net create, net rm, net verify): on the host {@link RunLock#hostOf} names, released
     * when closed and also when the run is interrupted (Ctrl-C runs shutdown hooks; the session is
     * still open then). A lock left by a killed run is named by the next run with its owner and age.
     * Read-only commands (doctor, validate, net ls, net inspect) take none.
     *
     * @param hosts open sessions that include the topology's first overlay host
     */
    static Held lock(OpenHosts hosts, Topology topology, String command) {
        return releasedOnExit(hosts.lock(topology, owner(command)));
    }

    /** A held run lock; closing it releases the lock (if it is still this run's). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** {@code lock}, released when closed or, if the run is interrupted first, by a shutdown hook. */
    private static Held releasedOnExit(RunLock lock) {
        Thread release = new Thread(lock::close, "ovl-release-lock");
        Runtime.getRuntime().addShutdownHook(release);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(release);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook releases it
            }
            lock.close();
        };
    }

    /** Progress as plain "host: message" lines, flushed at once so a terminal or CI log shows them live. */
    static ChangeProgress lines(PrintWriter to) {
        return (host, message) -> {
            synchronized (to) {
                to.println(host + ": " + message);
                to.flush();
            }
        };
    }


    /**
     * The end of a run that does not apply its plan (a dry run, or a blocked plan): with --output json
     * prints {"dry-run": ..., "plan": ...}; then a blocked plan is exit 3 naming its first problem.
     */
    static int endWithoutApplying(JsonReply.Sink json, boolean dryRun, ObjectNode planJson, List<Finding> blockers) {
        if (json.on()) {
            ObjectNode root = Json.object();
            root.put("dry-run", dryRun);
            root.set("plan", planJson);
            json.body(root);
        }
        if (!blockers.isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, blockers.size() + " preflight problem(s), nothing was"
                    + " changed: " + blockers.get(0).format() + (blockers.size() > 1 ? " (all are listed in the plan)" : ""));
        }
        return ExitCode.OK.code();
    }

    /**
     * Prints what an applied plan did: {"dry-run": false, "plan": ..., "report": ...} with
     * {@code --output json}, else {@code text}. Returns the report's exit code.
     */
    static int printApplied(PrintWriter out, JsonReply.Sink json, ObjectNode planJson, ChangeReport report, String text) {
        if (json.on()) {
            ObjectNode root = Json.object();
            root.put("dry-run", false);
            root.set("plan", planJson);
            root.set("report", InitView.reportJson(report));
            json.body(root);
        } else {
            out.print(text);
        }
        out.flush();
        return report.exitCode().code();
    }
}
