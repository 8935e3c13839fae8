package io.ovl.kvmode;

import io.ovl.change.Poll;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.DockerApi;
import io.ovl.doctor.FactCommands;
import io.ovl.facts.DockerdLog;
import io.ovl.facts.DockerdLogFinding;
import io.ovl.hosts.HostHandle;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Restarts dockerd through what runs it (systemd, or /etc/init.d/docker on hosts without systemd)
 * and waits until it answers its API. Not a port poll: the Docker API's {@code /info} must answer,
 * which also tells with which cluster store it runs.
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
     * @throws OvlException naming the host and step when it cannot be restarted, exits, or does not answer in time
     */
    static DockerApi.DaemonStatus restartAndWait(HostHandle host, DockerService service, Duration wait,
                                                 Duration interval) {
        if (service == DockerService.SYSTEMD) {
            host.shell().run(DAEMON_RELOAD).requireSuccess("systemctl daemon-reload");
            host.shell().run(RESET_FAILED); // fine to fail: the unit may not be in a failed state
        }
        RemoteCommand restart = service == DockerService.SYSTEMD ? RESTART : DockerService.INIT_SCRIPT_RESTART;
        CommandResult r = host.shell().run(restart);
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host.name() + ": restart docker: `"
                    + restart.toShellString() + "` failed (exit " + r.exitCode() + "); dockerd said: "
                    + lastLog(host, service));
        }
        Optional<DockerApi.DaemonStatus> status = Poll.until(wait, interval, () -> {
            Optional<DockerApi.DaemonStatus> s = host.docker().status();
            if (s.isEmpty() && service == DockerService.INIT_SCRIPT) {
                requireStillRunning(host);
            }
            return s;
        });
        return status.orElseThrow(() -> new OvlException(ExitCode.HOST_FAILED, "host " + host.name()
                + ": wait for dockerd: its API did not answer within " + wait.toSeconds() + " s after the restart;"
                + " dockerd said: " + lastLog(host, service)));
    }

    /**
     * The init script starts dockerd in the background and succeeds before dockerd reads its
     * configuration; a dockerd that rejects daemon.json exits a moment later. Its pid file then
     * names a dead process: fail now, with its last words, rather than wait out the whole timeout.
     */
    private static void requireStillRunning(HostHandle host) {
        CommandResult r = host.shell().run(DockerService.INIT_SCRIPT_STATUS);
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host.name() + ": wait for dockerd: it exited after"
                    + " the restart (`/etc/init.d/docker status`: " + r.stdoutText().strip() + "); dockerd said: "
                    + lastLog(host, DockerService.INIT_SCRIPT));
        }
    }

    /**
     * The discovery errors dockerd logged in its current run. A dockerd 20.10 that could not reach
     * its store while starting logs them and never joins, even when the store comes back (LAB-NOTES),
     * although docker info shows the cluster store.
     */
    static List<DockerdLogFinding> discoveryErrors(HostHandle host, DockerService service) {
        RemoteCommand log = service == DockerService.SYSTEMD ? FactCommands.DOCKER_LOG : DockerService.INIT_SCRIPT_RUN_LOG;
        CommandResult r = host.shell().run(log);
        if (service == DockerService.INIT_SCRIPT && r.exitCode() == 3) {
            // No /var/log/docker.log (DOCKER_LOGFILE changed): nothing to tell from; docker info already confirmed.
            return List.of();
        }
        r.requireSuccess("read dockerd's log of this run");
        return DockerdLog.scan(r.stdoutText()).stream()
                .filter(f -> f.kind() == DockerdLogFinding.Kind.DISCOVERY_ERROR)
                .toList();
    }

    static String lastLog(HostHandle host, DockerService service) {
        try {
            CommandResult r = host.shell().run(service == DockerService.SYSTEMD ? LAST_LOG
                    : DockerService.INIT_SCRIPT_LAST_LOG);
            String text = r.stdoutText().strip().replace('\n', ' ');
            return text.isEmpty() ? "(no log lines)" : text;
        } catch (OvlException e) {
            return "(log unavailable: " + e.getMessage() + ")";
        }
    }
}
