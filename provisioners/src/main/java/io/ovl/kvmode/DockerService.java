package io.ovl.kvmode;

import io.ovl.doctor.FactCommands;
import io.ovl.ssh.RemoteCommand;

/**
 * What starts dockerd on a host, and so how ovl configures and restarts it: systemd (a drop-in,
 * {@code systemctl restart docker.service}, the journal) or, on hosts without systemd, Debian's
 * {@code /etc/init.d/docker} (keys in /etc/docker/daemon.json, the init script's restart, its log
 * file /var/log/docker.log).
 */
public enum DockerService {
    SYSTEMD("systemctl status docker.service"),
    INIT_SCRIPT("/etc/init.d/docker status; tail " + DockerService.INIT_SCRIPT_LOG);

    /** Where Debian's init script sends dockerd's output (DOCKER_LOGFILE in /etc/init.d/docker). */
    public static final String INIT_SCRIPT_LOG = FactCommands.INIT_SCRIPT_LOG;

    /**
     * Stop and start through the init script. stdin from /dev/null: start-stop-daemon --no-close
     * would otherwise hand the SSH channel's stdin to dockerd for its whole life.
     */
    static final RemoteCommand INIT_SCRIPT_RESTART = RemoteCommand.script("exec /etc/init.d/docker restart </dev/null");
    /** Exit 0 while the init script's dockerd runs (its pid file names a live process). */
    static final RemoteCommand INIT_SCRIPT_STATUS = RemoteCommand.of("/etc/init.d/docker", "status");
    /** dockerd's last lines in the init script's log. */
    static final RemoteCommand INIT_SCRIPT_LAST_LOG = RemoteCommand.of("tail", "-n", "5", INIT_SCRIPT_LOG);
    /** The log of dockerd's current run, as the journal's invocation ID gives it on systemd hosts. */
    static final RemoteCommand INIT_SCRIPT_RUN_LOG = FactCommands.INIT_SCRIPT_DOCKER_LOG;

    private final String howToCheck;

    DockerService(String howToCheck) {
        this.howToCheck = howToCheck;
    }

    /** What a person runs on the host to see why dockerd is not up. */
    public String howToCheck() {
        return howToCheck;
    }
}
