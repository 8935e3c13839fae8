package io.ovl.kvmode;

import io.ovl.doctor.FactCommands;
import io.ovl.ssh.RemoteCommand;

/**
 * The read-only commands init and reset run to learn a host's state. Shared with doctor where the
 * fact is the same, so one captured output serves both.
 */
public final class StateCommands {
    private StateCommands() {
    }

    public static final RemoteCommand DOCKER_INFO = FactCommands.DOCKER_INFO;
    public static final RemoteCommand DOCKER_UNIT = FactCommands.DOCKER_UNIT;
    public static final RemoteCommand DAEMON_JSON = FactCommands.DAEMON_JSON;
    public static final int NO_DAEMON_JSON = FactCommands.NO_DAEMON_JSON;
    public static final RemoteCommand RUNNING_CONTAINERS = RemoteCommand.of("docker", "ps", "-q");
    public static final RemoteCommand NETWORKS = FactCommands.DOCKER_NETWORKS;
    public static final RemoteCommand OVERLAY_NETWORKS = RemoteCommand.of("docker", "network", "ls",
            "--filter", "driver=overlay", "--format", "{{.Name}}");

    /** Exit 1 with "No such container" on stderr when it does not exist. */
    public static RemoteCommand inspectContainer(String name) {
        return RemoteCommand.of("docker", "container", "inspect", "--format", "{{json .}}", "--", name);
    }
}
