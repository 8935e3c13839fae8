package io.ovl.net;

import io.ovl.doctor.FactCommands;
import io.ovl.ssh.RemoteCommand;

/**
 * The commands net runs on hosts. Values (network and container names, addresses) are separate
 * argv entries or positional parameters of constant scripts, never spliced into shell text.
 */
final class NetCommands {
    private NetCommands() {
    }

    /** Every network with its full inspect JSON (doctor's command, so one captured output serves both). */
    static final RemoteCommand NETWORKS = FactCommands.DOCKER_NETWORKS;
    static final RemoteCommand IP_ADDR = FactCommands.IP_ADDR;
    static final RemoteCommand IP_ROUTE = FactCommands.IP_ROUTE;
    /** dockerd's state as JSON; its ClusterStore says whether kv mode is set up. */
    static final RemoteCommand DOCKER_INFO = FactCommands.DOCKER_INFO;
    /** Names of the overlay networks this host's dockerd lists, one a line. */
    static final RemoteCommand OVERLAY_NAMES = RemoteCommand.of("docker", "network", "ls",
            "--filter", "driver=overlay", "--format", "{{.Name}}");

    /** Exit 0 when {@code image} is on the host; "No such image" on stderr when it is not. */
    static RemoteCommand imageInspect(String image) {
        return RemoteCommand.of("docker", "image", "inspect", "--format", "{{.Id}}", "--", image);
    }

    static RemoteCommand remove(String network) {
        return RemoteCommand.of("docker", "network", "rm", "--", network);
    }

    static RemoteCommand disconnect(String network, String container) {
        return RemoteCommand.of("docker", "network", "disconnect", "--force", "--", network, container);
    }
}
