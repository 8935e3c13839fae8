package io.ovl.kvmode;

import io.ovl.core.Finding;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DaemonJsonConflict;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.SystemdUnit;
import io.ovl.kv.StoreAnswer;
import io.ovl.render.DockerdDropIn;
import io.ovl.topology.Host;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * init's own preflight checks: each finds what would make a dockerd restart fail or leave the
 * overlay broken, before anything changes. All are pure functions of {@link HostState}s.
 */
public final class Preflight {
    private Preflight() {
    }

    /** dockerd answers on every host init touches (it must be up to be reconfigured safely). */
    public static final PreflightCheck DOCKER_UP = perHost("docker.up", true, (h, s) ->
            s.dockerInfo().isKnown() ? List.of() : List.of("dockerd does not answer: " + s.dockerInfo().why()
                    + "; start Docker there (or fix access) and run again"));

    /** Engine 23 removed --cluster-store: dockerd would fail with "unknown flag" and stay down. */
    public static final PreflightCheck ENGINE_SUPPORTS_CLUSTER_STORE = perHost("engine.cluster-store", false, (h, s) ->
            s.dockerInfo().value().filter(i -> !i.supportsClusterStore())
                    .map(i -> List.of("Docker Engine " + i.serverVersion() + " has no --cluster-store (removed in 23.0);"
                            + " dockerd would not start. Use mode: swarm, or Engine 20.10 on this host"))
                    .orElse(List.of()));

    public static final PreflightCheck SWARM_INACTIVE = perHost("swarm.inactive", false, (h, s) ->
            s.dockerInfo().value().filter(DockerInfo::swarmActive)
                    .map(i -> List.of("this engine is in a swarm (state " + i.swarmState() + "); kv mode and swarm mode"
                            + " do not mix. Leave the swarm (`docker swarm leave`) or use mode: swarm"))
                    .orElse(List.of()));

    /**
     * init configures dockerd through systemd (a drop-in rendered from the unit's own ExecStart) or,
     * on hosts without systemd, through daemon.json and /etc/init.d/docker; it must know which.
     */
    public static final PreflightCheck SYSTEMD_UNIT = perHost("docker.unit", false, (h, s) ->
            s.dockerService().isKnown() ? List.of() : List.of(s.dockerService().why()
                    + "; init configures dockerd through a systemd drop-in, or through /etc/docker/daemon.json"
                    + " and /etc/init.d/docker on hosts without systemd"));

    /** A daemon.json key that the drop-in also sets as a flag makes dockerd refuse to start. */
    public static final PreflightCheck DAEMON_JSON_CONFLICTS = new PreflightCheck() {
        @Override
        public String name() {
            return "daemon-json.conflicts";
        }

        @Override
        public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
            List<Finding> out = new ArrayList<>();
            for (Host host : topology.overlayHosts()) {
                HostState s = stateOf(hosts, host);
                Optional<SystemdUnit> unit = s.dockerUnit().value();
                if (unit.isEmpty()) {
                    continue;
                }
                Fact<Optional<String>> file = s.daemonJson();
                if (!file.isKnown()) {
                    out.add(Finding.onHost(host.name(), name(), "cannot read " + DaemonJson.PATH + ": " + file.why()));
                    continue;
                }
                try {
                    List<String> args = DockerdDropIn.resultingArguments(unit.get(), layout.settingsFor(host));
                    for (DaemonJsonConflict c : DaemonJson.conflicts(file.value().get().orElse(""), args)) {
                        out.add(Finding.onHost(host.name(), name(), DaemonJson.PATH + " sets \"" + c.key() + "\" and dockerd"
                                + " would also get " + c.flag() + "; dockerd refuses to start with both. Remove the key"
                                + " from " + DaemonJson.PATH + " and run again"));
                    }
                } catch (RuntimeException e) {
                    out.add(Finding.onHost(host.name(), name(), e.getMessage()));
                }
            }
            return out;
        }
    };

    /**
     * The store must answer from every Docker host before dockerd is pointed at it: a dockerd 20.10
     * started while its store is unreachable never joins (LAB-NOTES). Checked here when the store
     * should already answer (external, or ovl's store already running); init checks again after
     * starting its store.
     */
    public static final PreflightCheck STORE_REACHABLE = new PreflightCheck() {
        @Override
        public String name() {
            return "store.reachable";
        }

        @Override
        public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
            boolean shouldAnswer = layout.external() || layout.cluster().get().nodes().stream()
                    .allMatch(n -> stateOf(hosts, topology.host(n.name()).orElseThrow()).storeContainer().value()
                            .flatMap(c -> c).map(StoreContainer::running).orElse(false));
            if (!shouldAnswer) {
                return List.of();
            }
            List<Finding> out = new ArrayList<>();
            for (Host host : topology.overlayHosts()) {
                for (StoreAnswer a : stateOf(hosts, host).storeAnswers()) {
                    if (!a.healthy()) {
                        out.add(Finding.onHost(host.name(), name(), "the store at " + a.endpoint() + " does not answer from"
                                + " this host: " + a.detail() + "; dockerd must reach it before it restarts"));
                    }
                }
            }
            return out;
        }
    };

    /**
     * A store of one member on an overlay host: restarting that host's dockerd stops the store while
     * dockerd starts, so dockerd 20.10 never joins (seen on the lab). With 3 or 5 members init
     * restarts one host at a time and the others keep a quorum.
     */
    public static final PreflightCheck STORE_NOT_ALONE_ON_AN_OVERLAY_HOST = new PreflightCheck() {
        @Override
        public String name() {
            return "store.colocated";
        }

        @Override
        public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
            return layout.cluster().filter(c -> c.nodes().size() == 1)
                    .flatMap(c -> topology.host(c.nodes().get(0).name()))
                    .filter(Host::overlay)
                    .map(h -> List.of(Finding.onHost(h.name(), name(), "the only store member runs on this overlay host:"
                            + " restarting its dockerd stops the store while dockerd starts, and dockerd then never"
                            + " joins. Set overlay: false for " + h.name() + ", run 3 store members, or use an"
                            + " external store (kv-store.url)")))
                    .orElse(List.of());
        }
    };

    /**
     * A network of a topology network's name that is not what the topology says (another driver,
     * another subnet): init would report it present and containers would land in the wrong one.
     */
    public static final PreflightCheck NETWORKS_MATCH = new PreflightCheck() {
        @Override
        public String name() {
            return "network.matches";
        }

        @Override
        public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
            List<Finding> out = new ArrayList<>();
            for (Host host : topology.overlayHosts()) {
                List<DockerNetwork> existing = stateOf(hosts, host).networks().value().orElse(List.of());
                for (NetworkSpec spec : topology.networks()) {
                    for (DockerNetwork n : existing) {
                        if (!n.name().equals(spec.name())) {
                            continue;
                        }
                        if (!n.driver().equals("overlay")) {
                            out.add(Finding.onHost(host.name(), name(), "a " + n.driver() + " network named " + n.name()
                                    + " exists here; the topology's " + spec.name() + " is an overlay network. Rename"
                                    + " one of them"));
                        } else if (!n.subnets().containsAll(spec.subnets())) {
                            out.add(Finding.onHost(host.name(), name(), "overlay network " + n.name() + " exists with subnet "
                                    + n.subnets() + ", the topology says " + spec.subnets() + "; remove it (`docker"
                                    + " network rm " + n.name() + "`) or change the topology"));
                        }
                    }
                }
            }
            return out;
        }
    };

    public static final List<PreflightCheck> DEFAULT = List.of(DOCKER_UP, ENGINE_SUPPORTS_CLUSTER_STORE, SWARM_INACTIVE,
            SYSTEMD_UNIT, DAEMON_JSON_CONFLICTS, STORE_REACHABLE, STORE_NOT_ALONE_ON_AN_OVERLAY_HOST, NETWORKS_MATCH);

    static HostState stateOf(List<HostState> hosts, Host host) {
        return hosts.stream().filter(s -> s.host().equals(host.name())).findFirst()
                .orElse(HostState.unreachable(host.name(), "no facts were gathered"));
    }

    /**
     * A check of each overlay host ({@code allHosts}: also the store hosts) that reports one blocker
     * per message.
     */
    private static PreflightCheck perHost(String name, boolean allHosts, BiFunction<Host, HostState, List<String>> rule) {
        return new PreflightCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
                List<Finding> out = new ArrayList<>();
                for (Host host : topology.hosts()) {
                    boolean storeHost = layout.cluster().map(c -> c.nodes().stream()
                            .anyMatch(n -> n.name().equals(host.name()))).orElse(false);
                    if (host.overlay() || (allHosts && storeHost)) {
                        rule.apply(host, stateOf(hosts, host)).forEach(m -> out.add(Finding.onHost(host.name(), name, m)));
                    }
                }
                return out;
            }
        };
    }
}
