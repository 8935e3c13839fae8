package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The containers on a host attached to overlay networks: what a host that leaves the overlay would
 * cut off. Read with two docker commands by argv; parsed by a pure function.
 */
public final class OverlayAttachments {
    /** Every container, stopped ones too (they keep their networks), with the names of its networks. */
    static final RemoteCommand CONTAINERS = RemoteCommand.of("docker", "ps", "--all", "--no-trunc", "--format",
            "{{.Names}}\t{{.Networks}}");

    private OverlayAttachments() {
    }

    /** @throws OvlException exit 3 when the host's dockerd cannot be asked */
    public static List<OverlayAttachment> read(HostHandle host) {
        CommandResult overlays = host.shell().run(NetCommands.OVERLAY_NAMES);
        CommandResult containers = overlays.succeeded() ? host.shell().run(CONTAINERS) : overlays;
        if (!containers.succeeded()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + host.name() + ": cannot list its containers' networks: "
                    + containers.stderrText().strip());
        }
        return parse(host.name(), new LinkedHashSet<>(overlays.stdoutText().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList()), containers.stdoutText());
    }

    /**
     * @param overlays the host's overlay network names
     * @param ps       lines "NAME\tNET1,NET2" as {@link #CONTAINERS} prints them
     */
    static List<OverlayAttachment> parse(String host, Set<String> overlays, String ps) {
        List<OverlayAttachment> out = new ArrayList<>();
        for (String line : ps.lines().toList()) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue;
            }
            String container = line.substring(0, tab).strip();
            for (String network : line.substring(tab + 1).split(",")) {
                if (overlays.contains(network.strip())) {
                    out.add(new OverlayAttachment(host, container, network.strip()));
                }
            }
        }
        return out;
    }

    /** {@code docker network disconnect --force NETWORK CONTAINER} on the attachment's host. */
    public static void disconnect(HostHandle host, OverlayAttachment a) {
        CommandResult r = host.shell().run(NetCommands.disconnect(a.network(), a.container()));
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host.name() + ": disconnect " + a.container() + " from "
                    + a.network() + ": " + r.stderrText().strip());
        }
    }
}
