package io.ovl.draft;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.DoctorProgress;
import io.ovl.doctor.DoctorRunner;
import io.ovl.doctor.FactGatherer;
import io.ovl.doctor.GatheredHost;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.ParallelHosts;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.SshOverrides;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reaches the hosts given on the command line and reads their facts: an in-memory topology of
 * those hosts (so {@link io.ovl.access.HostAccess} maps them to SSH targets exactly as for a file:
 * ~/.ssh/config, strict host keys), then doctor's own fact gathering over one session per host,
 * in parallel ({@link DoctorRunner#gather}, without the port probe).
 */
public final class DraftHosts {
    private DraftHosts() {
    }

    /**
     * The hosts as a topology ovl can connect to; each host is named as typed (for progress and
     * errors), its SSH settings the defaults with its own user and port.
     *
     * @throws OvlException (usage) for a host given twice
     */
    public static Topology reachable(List<HostArgument> hosts, DraftSsh ssh) {
        SshSettings defaults = new SshSettings(ssh.user(), ssh.port(), ssh.identityFiles(), ssh.knownHosts(),
                SshSettings.DEFAULTS.hostKeyPolicy(), ssh.become(), Optional.empty(),
                SshSettings.DEFAULTS.connectTimeout(), SshSettings.DEFAULTS.commandTimeout());
        Set<String> seen = new HashSet<>();
        List<Host> out = new ArrayList<>();
        for (HostArgument h : hosts) {
            String key = h.user().orElse("") + "@" + h.address() + ":" + h.port().map(String::valueOf).orElse("");
            if (!seen.add(key)) {
                throw new OvlException(ExitCode.USAGE, "host '" + h.text() + "' is given twice; name every host once");
            }
            SshSettings own = defaults.merge(new SshOverrides(h.user(), h.port(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            out.add(new Host(h.text(), h.address(), true, Optional.empty(), Optional.empty(), own));
        }
        // Swarm mode and no store: doctor's gathering then asks no store on the way.
        return new Topology(Topology.CURRENT_VERSION, Mode.SWARM, defaults, Optional.empty(), Optional.empty(), out, List.of());
    }

    /**
     * Why nothing can be drafted from this host: not reached, or reached but no command ran there
     * (its first fact, the user id, is unknown: a sudo that wants a password, a shell that died).
     */
    static Optional<String> unusable(GatheredHost g) {
        if (!g.reached()) {
            return g.connectError();
        }
        if (!g.facts().uid().isKnown()) {
            return Optional.of("host " + g.name() + ": reached, but no command ran: " + g.facts().uid().why());
        }
        return Optional.empty();
    }

    /**
     * Every host's facts, in the order given.
     *
     * @param open opens a host of {@code topology} (from {@link #reachable}), one session each
     * @throws OvlException (checks failed, nothing written) naming every host that could not be reached or
     *                      where no command ran, and why
     */
    public static List<DraftPlanner.SeenHost> gather(List<HostArgument> hosts, Topology topology,
                                                     Function<Host, HostHandle> open, ParallelHosts parallel,
                                                     FactGatherer gatherer, DoctorProgress progress) {
        List<GatheredHost> gathered = new DoctorRunner(open, parallel, gatherer, Optional.empty(), progress)
                .gather(topology).hosts();
        List<String> unreachable = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<DraftPlanner.SeenHost> out = new ArrayList<>();
        for (int i = 0; i < gathered.size(); i++) {
            GatheredHost g = gathered.get(i);
            Optional<String> why = unusable(g);
            if (why.isPresent()) {
                unreachable.add(why.get());
                names.add(g.name());
            } else {
                out.add(new DraftPlanner.SeenHost(hosts.get(i), g.facts()));
            }
        }
        if (!unreachable.isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, String.join("; ", unreachable)
                    + "; nothing written (every host must answer to draft its topology)", names, null);
        }
        return out;
    }
}
