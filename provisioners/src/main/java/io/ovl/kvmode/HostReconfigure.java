package io.ovl.kvmode;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.HostOutcome;
import io.ovl.change.Poll;
import io.ovl.core.OvlException;
import io.ovl.docker.DockerApi;
import io.ovl.facts.DockerdLogFinding;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.Interruption;
import io.ovl.kv.StoreAnswer;
import io.ovl.ssh.RemoteCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Steps 4 and 5 of init on one host: write its files, restart dockerd, confirm it runs with the
 * cluster store; on any failure put the files back as they were, restart, and confirm dockerd is
 * up again. The host then ends either configured or as it was.
 *
 * <p>Interrupts: the step does not start once the run was asked to stop ({@link Interruption#begin});
 * once started it runs to its end, done or rolled back, never leaving files written and dockerd not
 * restarted. While it runs it tells the interruption what it has left on the host so far.
 */
final class HostReconfigure {
    private final ApplyOptions options;
    private final ChangeProgress progress;
    private final List<String> storeEndpoints;
    private final Interruption interruption;
    /** "init" or "reset": names the step in "not started" outcomes and the advice after a hard stop. */
    private final String command;

    /**
     * @param storeEndpoints the store to check before a restart and after a failed join; empty for reset
     * @param command        "init" or "reset"
     */
    HostReconfigure(ApplyOptions options, ChangeProgress progress, List<String> storeEndpoints,
                    Interruption interruption, String command) {
        this.options = options;
        this.progress = progress;
        this.storeEndpoints = List.copyOf(storeEndpoints);
        this.interruption = interruption;
        this.command = command;
    }

    HostOutcome apply(HostHandle host, HostPlan plan) {
        if (!plan.changesSomething()) {
            progress.step(host.name(), "no change: " + plan.why() + "; not restarted");
            return new HostOutcome(host.name(), HostOutcome.Status.UNCHANGED, plan.why());
        }
        if (!interruption.begin(host.name(), "nothing changed yet")) {
            return HostOutcome.notStarted(host.name(), command);
        }
        try {
            return reconfigure(host, plan);
        } finally {
            interruption.end(host.name());
        }
    }

    private HostOutcome reconfigure(HostHandle host, HostPlan plan) {
        String step = "write files";
        try {
            interruption.at(host.name(), "writing " + files(plan.files()) + " (each written whole or not at all),"
                    + " docker not restarted");
            write(host, plan.files());
            interruption.at(host.name(), written(plan.files()) + ", docker not restarted");
            step = "restart docker";
            progress.step(host.name(), "restarting docker (" + plan.why() + ")");
            interruption.at(host.name(), written(plan.files()) + ", docker restarting (may be down)");
            DockerApi.DaemonStatus restarted = DockerRestart.restartAndWait(host, plan.service(), options.dockerWait(),
                    options.pollInterval());
            interruption.at(host.name(), written(plan.files()) + ", docker restarted, not yet confirmed");
            step = "confirm cluster store";
            confirm(host, plan, restarted);
            step = "confirm dockerd joined the store";
            DockerApi.DaemonStatus status = storeEndpoints.isEmpty() ? restarted
                    : joinOrRetryOnce(host, plan, restarted);
            String running = status.clusterStore().map(c -> "cluster-store " + c
                    + status.clusterAdvertise().map(a -> ", advertise " + a).orElse("")).orElse("no cluster store");
            progress.step(host.name(), "docker " + status.serverVersion() + " is up with " + running);
            return new HostOutcome(host.name(), HostOutcome.Status.CHANGED, "dockerd restarted; runs with " + running);
        } catch (OvlException e) {
            progress.step(host.name(), "FAILED at " + step + ": " + e.getMessage() + "; rolling back");
            return rollBack(host, plan, step, e);
        }
    }

    private void write(HostHandle host, List<FileChange> files) {
        for (FileChange f : files) {
            progress.step(host.name(), (f.removes() ? "removing " : "writing ") + f.path());
            if (f.removes()) {
                host.shell().run(RemoteCommand.of("rm", "-f", "--", f.path())).requireSuccess("remove " + f.path());
            } else {
                String dir = f.path().substring(0, f.path().lastIndexOf('/'));
                host.shell().run(RemoteCommand.of("mkdir", "-p", "--", dir)).requireSuccess("create " + dir);
                // An existing file (an operator's daemon.json) keeps its owner and mode; new ones are root's 0644.
                host.files().writeFileKeepingMode(f.path(), f.after().get().getBytes(StandardCharsets.UTF_8),
                        "root", "root", 0644);
            }
        }
    }

    /** "drop-in written", "drop-in removed", "/etc/docker/daemon.json written": what {@code files} did. */
    static String written(List<FileChange> files) {
        return String.join(", ", files.stream().map(f -> name(f.path()) + (f.removes() ? " removed" : " written")).toList());
    }

    private static String files(List<FileChange> files) {
        return String.join(", ", files.stream().map(f -> name(f.path())).toList());
    }

    private static String name(String path) {
        return path.equals(io.ovl.render.DockerdDropIn.PATH) ? "drop-in" : path;
    }

    /**
     * dockerd reports the cluster store even when it could not reach it while starting, and then it
     * never joins. Its log of this run tells; one more restart, with the store answering from here,
     * joins it (as seen on the lab when a store member restarted at the same time).
     */
    private DockerApi.DaemonStatus joinOrRetryOnce(HostHandle host, HostPlan plan, DockerApi.DaemonStatus status) {
        List<DockerdLogFinding> errors = DockerRestart.discoveryErrors(host, plan.service());
        if (errors.isEmpty()) {
            return status;
        }
        progress.step(host.name(), "dockerd could not reach the store while starting (" + errors.get(0).line()
                + "); waiting for the store, then restarting once more");
        StoreAnswer answer = Poll.until(options.storeWait(), options.pollInterval(), () -> storeEndpoints.stream()
                .map(e -> host.storeProbe().probe(e)).filter(StoreAnswer::healthy).findFirst())
                .orElseThrow(() -> new OvlException(io.ovl.core.ExitCode.HOST_FAILED, "host " + host.name()
                        + ": the store " + storeEndpoints + " does not answer from here after "
                        + options.storeWait().toSeconds() + " s; dockerd would not join it"));
        progress.step(host.name(), "store answers (" + answer.detail() + "); restarting docker again");
        DockerApi.DaemonStatus again = DockerRestart.restartAndWait(host, plan.service(), options.dockerWait(), options.pollInterval());
        confirm(host, plan, again);
        List<DockerdLogFinding> still = DockerRestart.discoveryErrors(host, plan.service());
        if (!still.isEmpty()) {
            throw new OvlException(io.ovl.core.ExitCode.HOST_FAILED, "host " + host.name() + ": dockerd did not join"
                    + " the store: " + still.get(0).line());
        }
        return again;
    }

    private static void confirm(HostHandle host, HostPlan plan, DockerApi.DaemonStatus status) {
        // An empty expectation (reset) checks nothing: dockerd answering is the confirmation.
        boolean storeOk = plan.expectedStore().isEmpty()
                || status.clusterStore().filter(plan.expectedStore()::equals).isPresent();
        boolean advertiseOk = plan.expectedAdvertise().isEmpty()
                || status.clusterAdvertise().filter(plan.expectedAdvertise()::equals).isPresent();
        if (!storeOk || !advertiseOk) {
            throw new OvlException(io.ovl.core.ExitCode.HOST_FAILED, "host " + host.name() + ": confirm: dockerd "
                    + status.serverVersion() + " runs with cluster-store " + status.clusterStore().orElse("(none)")
                    + " and advertise " + status.clusterAdvertise().orElse("(none)") + ", expected "
                    + plan.expectedStore() + (plan.expectedAdvertise().isEmpty() ? "" : " and " + plan.expectedAdvertise()));
        }
    }

    /** Puts every file back as the plan found it (or removes what was new), restarts, checks dockerd answers. */
    private HostOutcome rollBack(HostHandle host, HostPlan plan, String failedStep, OvlException cause) {
        interruption.at(host.name(), "rolling back after a failed " + failedStep + ": " + files(plan.files())
                + " may be new or old, docker may not be restarted");
        try {
            List<FileChange> undo = plan.files().stream()
                    .map(f -> new FileChange(f.path(), f.after(), f.before()))
                    .toList();
            write(host, undo);
            DockerApi.DaemonStatus status = DockerRestart.restartAndWait(host, plan.service(), options.dockerWait(), options.pollInterval());
            progress.step(host.name(), "rolled back: docker is up again (cluster-store "
                    + status.clusterStore().orElse("none") + ")");
            return new HostOutcome(host.name(), HostOutcome.Status.ROLLED_BACK, failedStep + " failed: "
                    + cause.getMessage() + "; rolled back to the previous configuration, docker is up again");
        } catch (OvlException e) {
            progress.step(host.name(), "ROLLBACK FAILED: " + e.getMessage());
            return new HostOutcome(host.name(), HostOutcome.Status.FAILED, failedStep + " failed: " + cause.getMessage()
                    + "; the rollback failed too: " + e.getMessage() + ". Check the host by hand ("
                    + plan.service().howToCheck() + ")");
        }
    }
}
