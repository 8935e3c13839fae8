package io.ovl.provision;

import io.ovl.doctor.FactCommands;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import java.time.Duration;
import io.ovl.facts.DockerdLog;
import io.ovl.facts.DockerdLogFinding;
import java.util.List;
import java.util.Optional;

/**
 * Restarts dockerd through systemd and waits until it answers its API. Not a port poll: the
 * Docker API's {@code /info} must answer, which also tells with which cluster store it runs.
 */
final class DockerRestart {
    static final RemoteCommand DAEMON_RELOAD = RemoteCommand.of("systemctl", "daemon-reload");
    /** Clears the failed state and start-rate counter a failed restart leaves behind. */
    static final RemoteCommand RESET_FAILED = RemoteCommand.of("systemctl", "reset-failed", "docker.service");
    static final RemoteCommand RESTART = RemoteCommand.of("systemctl", "restart", "docker.service");
    /** dockerd's last lines, for the error when it does not come up. */
    static final RemoteCommand LAST_LOG = RemoteCommand.of("journalctl", "-u", "docker.service", "--no-pager",
            "-o", "cat", "-n", "5");

    private DockerRestart() {
    }

    /**
     * @return dockerd's status once it answers
     * @throws OvlException naming the host and step when systemd cannot restart it or it does not answer in time
     */
    static DockerApi.DaemonStatus restartAndWait(ProvisionHost host, Duration wait, Duration interval) {
        host.shell().run(DAEMON_RELOAD).requireSuccess("systemctl daemon-reload");
        host.shell().run(RESET_FAILED); // fine to fail: the unit may not be in a failed state
        CommandResult r = host.shell().run(RESTART);
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host.name() + ": restart docker: `systemctl restart"
                    + " docker.service` failed (exit " + r.exitCode() + "); dockerd said: " + lastLog(host));
        }
        Optional<DockerApi.DaemonStatus> status = Poll.until(wait, interval, () -> host.docker().status());
        return status.orElseThrow(() -> new OvlException(ExitCode.HOST_FAILED, "host " + host.name()
                + ": wait for dockerd: its API did not answer within " + wait.toSeconds() + " s after the restart;"
                + " dockerd said: " + lastLog(host)));
    }

    /**
     * The discovery errors dockerd logged in its current run. A dockerd 20.10 that could not reach
     * its store while starting logs them and never joins, even when the store comes back (LAB-NOTES),
     * although docker info shows the cluster store.
     */
    static List<DockerdLogFinding> discoveryErrors(ProvisionHost host) {
        CommandResult r = host.shell().run(FactCommands.DOCKER_LOG).requireSuccess("read dockerd's log of this run");
        return DockerdLog.scan(r.stdoutText()).stream()
                .filter(f -> f.kind() == DockerdLogFinding.Kind.DISCOVERY_ERROR)
                .toList();
    }

    static String lastLog(ProvisionHost host) {
        try {
            CommandResult r = host.shell().run(LAST_LOG);
            String text = r.stdoutText().strip().replace('\n', ' ');
            return text.isEmpty() ? "(no log lines)" : text;
        } catch (OvlException e) {
            return "(log unavailable: " + e.getMessage() + ")";
        }
    }
}
