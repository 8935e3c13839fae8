package io.ovl.doctor;

import io.ovl.facts.DockerInfo;
import io.ovl.facts.Fact;
import io.ovl.facts.HostInterface;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.Route;
import io.ovl.facts.SystemdUnit;
import java.util.List;
import java.util.Optional;

/**
 * Everything doctor learns about one host, gathered once over one SSH session by
 * {@link FactGatherer}; checks are pure functions of these facts.
 *
 * @param uid           the effective user id commands run as (after sudo when become: sudo)
 * @param vxlan         whether a VXLAN device could be created (and removed again)
 * @param daemonJson    /etc/docker/daemon.json, empty when the file does not exist
 * @param dockerLog     dockerd's journal since its last start (on a host without systemd: its
 *                      init script's log since then)
 * @param swarmNodes    {@code docker node ls}: known only on a swarm manager
 * @param initScriptDockerdArgs the running dockerd's arguments on a host without systemd, whose
 *                      dockerd /etc/init.d/docker runs; unknown (not read) where docker.service can be read
 */
public record HostFacts(
        Fact<Integer> uid,
        Fact<String> hostname,
        Fact<KernelVersion> kernel,
        Fact<String> vxlan,
        Fact<DockerInfo> dockerInfo,
        Fact<List<DockerNetwork>> dockerNetworks,
        Fact<List<HostInterface>> interfaces,
        Fact<List<Route>> routes,
        Fact<List<BoundSocket>> sockets,
        Fact<Optional<String>> daemonJson,
        Fact<SystemdUnit> dockerUnit,
        Fact<ClockSample> clock,
        Fact<String> dockerLog,
        Fact<List<SwarmNodeRow>> swarmNodes,
        Fact<List<String>> initScriptDockerdArgs) {

    /** Facts gathered before hosts without systemd were handled. */
    public HostFacts(Fact<Integer> uid, Fact<String> hostname, Fact<KernelVersion> kernel, Fact<String> vxlan,
                     Fact<DockerInfo> dockerInfo, Fact<List<DockerNetwork>> dockerNetworks,
                     Fact<List<HostInterface>> interfaces, Fact<List<Route>> routes, Fact<List<BoundSocket>> sockets,
                     Fact<Optional<String>> daemonJson, Fact<SystemdUnit> dockerUnit, Fact<ClockSample> clock,
                     Fact<String> dockerLog, Fact<List<SwarmNodeRow>> swarmNodes) {
        this(uid, hostname, kernel, vxlan, dockerInfo, dockerNetworks, interfaces, routes, sockets, daemonJson, dockerUnit,
                clock, dockerLog, swarmNodes, Fact.unknown("not read"));
    }

    /** True when dockerd is known to run from /etc/init.d/docker on a host without systemd. */
    public boolean withoutSystemd() {
        return dockerUnit.value().isEmpty() && initScriptDockerdArgs.isKnown();
    }

    /** Facts of a host where nothing could run, every one unknown for {@code why}. */
    public static HostFacts nothingKnown(String why) {
        return new HostFacts(Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why),
                Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why),
                Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why),
                Fact.unknown(why));
    }
}
