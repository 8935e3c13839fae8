package io.ovl.kvmode;

import io.ovl.kv.StoreAnswer;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.SystemdUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What init and reset need to know about one host, read over its one SSH session before anything
 * changes ({@link StateReader}). Plans are pure functions of these values, so they are unit-tested
 * on captured outputs.
 *
 * @param dockerInfo        {@code docker info}; unknown when dockerd is down or docker is missing
 * @param dockerUnit        {@code systemctl cat docker.service}; unknown without systemd
 * @param daemonJson        /etc/docker/daemon.json, empty when there is none
 * @param dropIn            ovl's drop-in as it is now, empty when there is none
 * @param runningContainers how many containers run (restarting dockerd stops them)
 * @param storeContainer    ovl's KV store container, when this host has one
 * @param networks          every network this host's dockerd has ({@code docker network inspect})
 * @param storeAnswers      per store endpoint ("ADDR:PORT"), whether it answered through this
 *                          host, or why not; empty when not probed
 * @param initScript        for a host without systemd whose dockerd runs from /etc/init.d/docker:
 *                          its command line and ovl's daemon.json backup; unknown (not read) where
 *                          systemd runs Docker
 */
public record HostState(
        String host,
        Fact<DockerInfo> dockerInfo,
        Fact<SystemdUnit> dockerUnit,
        Fact<Optional<String>> daemonJson,
        Fact<Optional<String>> dropIn,
        Fact<Integer> runningContainers,
        Fact<Optional<StoreContainer>> storeContainer,
        Fact<List<DockerNetwork>> networks,
        List<StoreAnswer> storeAnswers,
        Fact<InitScriptDocker> initScript) {

    public HostState {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dockerInfo, "dockerInfo");
        Objects.requireNonNull(dockerUnit, "dockerUnit");
        Objects.requireNonNull(daemonJson, "daemonJson");
        Objects.requireNonNull(dropIn, "dropIn");
        Objects.requireNonNull(runningContainers, "runningContainers");
        Objects.requireNonNull(storeContainer, "storeContainer");
        Objects.requireNonNull(networks, "networks");
        storeAnswers = List.copyOf(storeAnswers);
        Objects.requireNonNull(initScript, "initScript");
    }

    /** A host as before hosts without systemd were handled: its init-script facts not read. */
    public HostState(String host, Fact<DockerInfo> dockerInfo, Fact<SystemdUnit> dockerUnit,
                     Fact<Optional<String>> daemonJson, Fact<Optional<String>> dropIn, Fact<Integer> runningContainers,
                     Fact<Optional<StoreContainer>> storeContainer, Fact<List<DockerNetwork>> networks,
                     List<StoreAnswer> storeAnswers) {
        this(host, dockerInfo, dockerUnit, daemonJson, dropIn, runningContainers, storeContainer, networks,
                storeAnswers, Fact.unknown("not read: docker.service " + (dockerUnit.isKnown() ? "runs dockerd"
                        : "unknown (" + dockerUnit.why() + ")")));
    }

    /**
     * What starts dockerd here: systemd when docker.service can be read, else the init script when
     * its facts could be read; unknown with both reasons otherwise.
     */
    public Fact<DockerService> dockerService() {
        if (dockerUnit.isKnown()) {
            return Fact.known(DockerService.SYSTEMD);
        }
        if (initScript.isKnown()) {
            return Fact.known(DockerService.INIT_SCRIPT);
        }
        return Fact.unknown("cannot read docker.service (" + dockerUnit.why() + ") and " + initScript.why());
    }

    /** Names of the overlay networks this host sees. */
    public Optional<java.util.Set<String>> overlayNetworkNames() {
        return networks.value().map(list -> list.stream().filter(n -> n.driver().equals("overlay"))
                .map(DockerNetwork::name).collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** A host that could not be reached at all: every fact unknown for {@code why}. */
    public static HostState unreachable(String host, String why) {
        return new HostState(host, Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why),
                Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), List.of(), Fact.unknown(why));
    }
}
