package io.ovl.doctor;

import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.DockerdCommandLine;
import java.util.List;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.SystemdUnit;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteShell;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Gathers {@link HostFacts} from one host through its {@link RemoteShell}, one command per fact
 * (see {@link FactCommands}). A command that fails or prints something unparseable makes only its
 * own fact unknown, with the reason; the checks that need it report that reason.
 */
public final class FactGatherer {
    private final Clock clock;

    /** @param clock the local clock, read around the remote {@code date} for the skew check */
    public FactGatherer(Clock clock) {
        this.clock = clock;
    }

    public HostFacts gather(RemoteShell shell) {
        // The first command also proves access: a sudo that wants a password, or a dead
        // connection, throws here, and then nothing else can run either.
        Fact<Integer> uid;
        try {
            uid = Fact.of(shell.run(FactCommands.ID), out -> Integer.parseInt(out.strip()));
        } catch (OvlException e) {
            return HostFacts.nothingKnown(e.getMessage());
        }
        Fact<SystemdUnit> unit = Fact.of(shell, FactCommands.DOCKER_UNIT, SystemdUnit::parseCat);
        // Without systemd, dockerd's command line and log come from the init script's dockerd.
        Fact<List<String>> initScriptArgs = unit.isKnown() ? Fact.unknown("not read: docker.service runs dockerd")
                : Fact.of(shell, FactCommands.INIT_SCRIPT_DOCKERD_ARGS, DockerdCommandLine::parseArgs);
        return new HostFacts(
                uid,
                Fact.of(shell, FactCommands.HOSTNAME, String::strip),
                Fact.of(shell, FactCommands.UNAME, KernelVersion::parse),
                Fact.of(shell, FactCommands.VXLAN, out -> "created and removed a VXLAN device"),
                Fact.of(shell, FactCommands.DOCKER_INFO, DockerInfo::parse),
                Fact.of(shell, FactCommands.DOCKER_NETWORKS, DockerNetwork::parseInspect),
                Fact.of(shell, FactCommands.IP_ADDR, IpJson::parseAddr),
                Fact.of(shell, FactCommands.IP_ROUTE, out -> IpJson.parseRoute(out, IpFamily.INET)),
                Fact.of(shell, FactCommands.SS, BoundSocket::parse),
                daemonJson(shell),
                unit,
                clock(shell),
                Fact.of(shell, initScriptArgs.isKnown() ? FactCommands.INIT_SCRIPT_DOCKER_LOG : FactCommands.DOCKER_LOG,
                        out -> out),
                Fact.of(shell, FactCommands.SWARM_NODES, SwarmNodeRow::parseLines),
                initScriptArgs);
    }

    private Fact<ClockSample> clock(RemoteShell shell) {
        try {
            Instant before = clock.instant();
            CommandResult r = shell.run(FactCommands.DATE);
            Instant after = clock.instant();
            return Fact.of(r, out -> ClockSample.parse(before, after, out));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static Fact<Optional<String>> daemonJson(RemoteShell shell) {
        try {
            CommandResult r = shell.run(FactCommands.DAEMON_JSON);
            if (r.exitCode() == FactCommands.NO_DAEMON_JSON) {
                return Fact.known(Optional.empty());
            }
            return Fact.of(r, Optional::of);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }



}
