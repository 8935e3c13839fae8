package io.ovl.migrate;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DockerInfo;
import io.ovl.net.OverlayNetwork;
import io.ovl.kvmode.HostState;
import io.ovl.kvmode.ResetPlan;
import io.ovl.kvmode.ResetPlanner;
import io.ovl.render.DockerdDropIn;
import io.ovl.swarm.HostView;
import io.ovl.swarm.SwarmFacts;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmPlanner;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.NetworkSpecValidator;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns {@link MigrationFacts} into a {@link MigrationPlan}. Pure: the same facts give the same plan.
 * The kv side is planned by kv reset's planner ({@link ResetPlanner#dropInRemovals}), the swarm side
 * by swarm init's ({@link SwarmPlanner}) over the facts as they will be once the drop-ins are gone;
 * this class decides what is carried over and what stops the run.
 */
public final class MigrationPlanner {
    static final String ENCRYPTED = NetworkSpecValidator.ENCRYPTED_OPTION;
    static final String MTU = NetworkSpecValidator.MTU_OPTION;
    /** The VXLAN ID the kv store gave the network; swarm's manager allocates its own, so it is not carried. */
    static final String VXLAN_IDS = "com.docker.network.driver.overlay.vxlanid_list";
    /** Swarm's address pool when the topology sets none; swarm init gives its first /24 to the ingress network. */
    static final Prefix DOCKER_DEFAULT_POOL = Prefix.parse("10.0.0.0/8");
    private static final int INGRESS_LENGTH = 24;

    private MigrationPlanner() {
    }

    /**
     * @param swarmTopology the topology to migrate to ({@code mode: swarm})
     * @param acceptAuxLoss go on although aux-addresses inside a network's handed-out range will not be reserved
     */
    public static MigrationPlan plan(Topology swarmTopology, MigrationFacts facts, boolean acceptAuxLoss) {
        if (swarmTopology.mode() != Mode.SWARM) {
            throw new IllegalArgumentException("migrate plans towards a mode: swarm topology");
        }
        List<Finding> blockers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ResetPlan reset = ResetPlanner.dropInRemovals(swarmTopology.hosts(), facts.kv());
        blockers.addAll(reset.blockers());
        clusterStoreOutsideOvl(facts.kv(), blockers);
        KvInventory inventory = inventory(facts, blockers);
        List<CarriedNetwork> carried = carry(swarmTopology, inventory, acceptAuxLoss, blockers, warnings);
        Topology target = new Topology(swarmTopology.version(), Mode.SWARM, swarmTopology.ssh(), Optional.empty(),
                swarmTopology.swarm(), swarmTopology.hosts(), carried.stream().map(CarriedNetwork::spec).toList());
        overlapsSwarmNetworks(target, facts.swarm(), carried, blockers);
        SwarmPlan swarm = SwarmPlanner.plan(target, afterDropInRemoval(facts.swarm()), false);
        blockers.addAll(swarm.blockers());
        warnings.addAll(swarm.warnings());
        if (inventory.isEmpty() && reset.hosts().stream().noneMatch(h -> h.changesSomething())) {
            warnings.add("no kv state of ovl found (no drop-in, no kv overlay, no saved inventory " + KvInventory.PATH
                    + "): this run does what `ovl init` does in swarm mode");
        }
        return new MigrationPlan(inventory, reset, carried, target, swarm, reconnects(inventory, facts, warnings), blockers,
                warnings);
    }

    /** ovl removes only its own drop-in: a cluster-store set anywhere else would keep swarm from starting. */
    private static void clusterStoreOutsideOvl(List<HostState> states, List<Finding> blockers) {
        for (HostState s : states) {
            Optional<String> store = s.dockerInfo().value().flatMap(DockerInfo::clusterStore);
            if (store.isEmpty()) {
                continue;
            }
            if (s.dropIn().value().map(Optional::isEmpty).orElse(false)) {
                blockers.add(Finding.onHost(s.host(), "engine.cluster-store", "dockerd runs with --cluster-store "
                        + store.get() + " but has no ovl drop-in (" + DockerdDropIn.PATH + "); ovl removes only its own"
                        + " configuration: remove the option where it is set (daemon.json or the docker unit), then run"
                        + " migrate again"));
            }
            s.daemonJson().value().flatMap(t -> t).filter(MigrationPlanner::setsClusterStore).ifPresent(t -> blockers.add(
                    Finding.onHost(s.host(), "daemon-json.cluster-store", DaemonJson.PATH + " sets cluster-store; ovl"
                            + " removes only its own drop-in: remove the key there, then run migrate again")));
        }
    }

    private static boolean setsClusterStore(String daemonJson) {
        try {
            return DaemonJson.parse(daemonJson).has("cluster-store");
        } catch (RuntimeException unparseable) {
            return daemonJson.contains("\"cluster-store\""); // dockerd would not start with it either way
        }
    }

    /** The kv overlays the hosts list now, with what an earlier run saved (a run cut short after the restarts). */
    private static KvInventory inventory(MigrationFacts facts, List<Finding> blockers) {
        Map<String, OverlayNetwork> networks = new LinkedHashMap<>();
        List<Attachment> attachments = new ArrayList<>();
        for (String host : facts.networks().hosts()) {
            Fact<List<OverlayNetwork>> f = facts.networks().networks().get(host);
            if (f == null || !f.isKnown()) {
                blockers.add(Finding.onHost(host, "networks.read", "cannot read its networks, so neither its kv overlays"
                        + " nor the containers on them: " + (f == null ? "not read" : f.why())));
                continue;
            }
            for (OverlayNetwork n : f.value().get()) {
                // Scope global: a network of the cluster store. Local and swarm ones are not kv state.
                if (!n.isOverlay() || !"global".equals(n.scope())) {
                    continue;
                }
                networks.putIfAbsent(n.name(), new OverlayNetwork(n.name(), n.id(), n.driver(), n.scope(), n.internal(),
                        n.attachable(), n.ipam(), n.options(), n.labels(), List.of()));
                n.endpoints().forEach(e -> attachments.add(Attachment.of(host, n.name(), e)));
            }
        }
        Optional<String> store = facts.kv().stream().flatMap(s -> s.dockerInfo().value().flatMap(DockerInfo::clusterStore)
                .stream()).findFirst();
        KvInventory inventory = new KvInventory(store, List.copyOf(networks.values()), attachments);
        for (String host : facts.networks().hosts()) {
            Fact<Optional<KvInventory>> saved = facts.saved().get(host);
            if (saved == null) {
                continue;
            }
            if (!saved.isKnown()) {
                blockers.add(Finding.onHost(host, "inventory.read", "cannot read " + KvInventory.PATH + ", which an earlier"
                        + " migrate saved: " + saved.why() + "; repair the file, or remove it if its networks exist"
                        + " in the swarm"));
                continue;
            }
            inventory = inventory.merge(saved.value().get().orElse(KvInventory.empty()));
        }
        // Last, so a container the inventory has as running (stopped by migrate's own restart) stays running.
        return inventory.merge(new KvInventory(Optional.empty(), List.of(), stopped(facts, inventory, blockers)));
    }

    /**
     * The stopped containers configured for a kv overlay, matched by the network ID they name (the kv
     * network's ID is the same on every host). One that names a network only by its key (created,
     * never started: no ID) is left out: it finds the swarm network of that name at start, seen on
     * the lab. Once reconnected, a container names no kv ID any more, so a re-run does not list it.
     */
    private static List<Attachment> stopped(MigrationFacts facts, KvInventory kv, List<Finding> blockers) {
        Map<String, String> kvNames = new LinkedHashMap<>();
        kv.networks().forEach(n -> kvNames.put(n.id(), n.name()));
        List<Attachment> out = new ArrayList<>();
        for (String host : facts.networks().hosts()) {
            Fact<List<StoppedContainers.Container>> f = facts.stopped().get(host);
            if (f == null) {
                continue; // not reached: the network readout's blocker names the host
            }
            if (!f.isKnown()) {
                blockers.add(Finding.onHost(host, "containers.read", "cannot list its stopped containers, so a stopped"
                        + " container on a kv network would not be reconnected and could not start after the migration: "
                        + f.why()));
                continue;
            }
            for (StoppedContainers.Container c : f.value().get()) {
                for (StoppedContainers.ConfiguredNetwork n : c.networks()) {
                    String kvName = n.networkId().isEmpty() ? null : kvNames.get(n.networkId());
                    if (kvName != null) {
                        out.add(new Attachment(host, c.name(), kvName, n.ipv4(), true));
                    }
                }
            }
        }
        return out;
    }

    private static List<CarriedNetwork> carry(Topology topology, KvInventory inventory, boolean acceptAuxLoss,
                                              List<Finding> blockers, List<String> warnings) {
        List<CarriedNetwork> out = new ArrayList<>();
        for (OverlayNetwork n : inventory.networks()) {
            Optional<CarriedNetwork> c = fromKv(n, acceptAuxLoss, blockers, warnings);
            c.ifPresent(out::add);
            Optional<NetworkSpec> declared = topology.networks().stream().filter(s -> s.name().equals(n.name())).findFirst();
            if (c.isPresent() && declared.isPresent() && !sameAddressing(c.get().spec(), declared.get())) {
                blockers.add(Finding.error("network." + n.name(), "the topology gives it " + addressing(declared.get())
                        + ", the kv network has " + addressing(c.get().spec()) + "; migrate keeps the kv addressing:"
                        + " make the topology say the same, or rename the network there"));
            }
        }
        for (NetworkSpec s : topology.networks()) {
            if (inventory.network(s.name()).isEmpty()) {
                out.add(new CarriedNetwork(s, false, List.of()));
            }
        }
        return out;
    }

    private static Optional<CarriedNetwork> fromKv(OverlayNetwork n, boolean acceptAuxLoss, List<Finding> blockers,
                                                   List<String> warnings) {
        String check = "network." + n.name();
        if (n.ipam().isEmpty()) {
            blockers.add(Finding.error(check, "has no IPAM subnet; ovl recreates a network with the subnets it had:"
                    + " recreate this one by hand in the swarm"));
            return Optional.empty();
        }
        List<IpamPool> pools = new ArrayList<>();
        for (OverlayNetwork.Ipam ipam : n.ipam()) { // every pool: a dual-stack network stays dual-stack
            try {
                Map<String, IpAddress> aux = new LinkedHashMap<>();
                ipam.auxAddresses().forEach((k, v) -> aux.put(k, IpAddress.parse(v)));
                pools.add(new IpamPool(Prefix.parse(ipam.subnet()), ipam.ipRange().map(Prefix::parse),
                        ipam.gateway().map(IpAddress::parse), aux));
            } catch (RuntimeException e) {
                blockers.add(Finding.error(check, "cannot read its IPAM config " + ipam + ": " + e.getMessage()));
                return Optional.empty();
            }
        }
        List<String> notKept = new ArrayList<>();
        boolean encrypted = false;
        OptionalInt mtu = OptionalInt.empty();
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : n.options().entrySet()) {
            switch (o.getKey()) {
                case ENCRYPTED -> encrypted = true;
                case MTU -> mtu = parseMtu(o.getValue()).map(OptionalInt::of).orElse(OptionalInt.empty());
                case VXLAN_IDS -> { } // the swarm manager allocates the VXLAN ID
                default -> options.put(o.getKey(), o.getValue()); // passed to the swarm's network create as given
            }
        }
        for (IpamPool pool : pools) {
            auxAddresses(check, n.name(), pool, acceptAuxLoss, notKept, blockers, warnings);
        }
        NetworkSpec spec = new NetworkSpec(n.name(), pools, n.internal(), true, encrypted, mtu, n.labels(), options);
        return Optional.of(new CarriedNetwork(spec, true, notKept));
    }

    /** Swarm keeps no aux-address: harmless outside the range swarm hands out, else a blocker unless accepted. */
    private static void auxAddresses(String check, String name, IpamPool pool, boolean acceptAuxLoss, List<String> notKept,
                                     List<Finding> blockers, List<String> warnings) {
        Map<String, IpAddress> aux = pool.auxAddresses();
        if (!aux.isEmpty()) {
            Prefix handedOut = pool.ipRange().orElse(pool.subnet());
            List<String> inside = aux.entrySet().stream().filter(e -> handedOut.contains(e.getValue()))
                    .map(e -> e.getKey() + "=" + e.getValue()).toList();
            String line = "aux-addresses " + aux + ": Docker's swarm keeps none (its network create drops them;"
                    + " seen on Engine 20.10)";
            if (inside.isEmpty()) {
                notKept.add(line + "; they lie outside " + handedOut + ", the range swarm hands out, so no container"
                        + " gets one");
            } else if (acceptAuxLoss) {
                notKept.add(line + "; " + inside + " lie inside " + handedOut + ", so a container may get one");
                warnings.add("network " + name + ": aux-addresses " + inside + " are not reserved in the swarm"
                        + " (--accept-aux-loss)");
            } else {
                blockers.add(Finding.error(check + ".aux-addresses", "aux-addresses " + inside + " lie inside "
                        + handedOut + ", the range swarm hands out, and swarm does not reserve aux-addresses: a"
                        + " container could get one. Give the network an ip-range that leaves them out (in kv mode,"
                        + " before migrating), or pass --accept-aux-loss"));
            }
        }
    }

    private static Optional<Integer> parseMtu(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The same pools, in any order (Docker lists them as created; a topology in the order written). */
    static boolean sameAddressing(NetworkSpec a, NetworkSpec b) {
        return normalized(a).equals(normalized(b));
    }

    private static Set<IpamPool> normalized(NetworkSpec s) {
        return s.pools().stream().map(p -> new IpamPool(p.subnetNetwork(), p.ipRange(), p.gateway(), p.auxAddresses()))
                .collect(Collectors.toSet());
    }

    static String addressing(NetworkSpec s) {
        if (s.pools().isEmpty()) {
            return "subnet (any)";
        }
        return s.pools().stream().map(p -> "subnet " + p.subnet()
                + p.ipRange().map(r -> ", ip-range " + r).orElse("")
                + p.gateway().map(g -> ", gateway " + g).orElse("")
                + (p.auxAddresses().isEmpty() ? "" : ", aux-addresses " + p.auxAddresses()))
                .collect(Collectors.joining("; "));
    }

    /**
     * A kv subnet that collides with one swarm has or will have at once makes its create fail after
     * the hosts changed mode: stop before. Without a swarm yet, that is the ingress network swarm
     * init makes from the first /24 of the address pool (10.0.0.0/24 with Docker's default pool).
     */
    private static void overlapsSwarmNetworks(Topology target, SwarmFacts swarm, List<CarriedNetwork> carried,
                                              List<Finding> blockers) {
        Map<String, List<Prefix>> taken = new LinkedHashMap<>();
        if (swarm.cluster().isPresent()) {
            for (SwarmNetwork n : swarm.cluster().get().networks()) {
                if (n.swarmOverlay()) {
                    taken.put(n.name(), n.subnets().stream().flatMap(s -> Prefix.tryParse(s).stream()).toList());
                }
            }
        } else {
            Prefix pool = target.swarmSettings().defaultAddressPool().stream().findFirst().orElse(DOCKER_DEFAULT_POOL)
                    .network();
            Prefix ingress = pool.length() >= INGRESS_LENGTH ? pool
                    : new Prefix(pool.address(), INGRESS_LENGTH).network();
            taken.put("ingress", List.of(ingress));
        }
        for (CarriedNetwork c : carried) {
            if (!c.fromKv()) {
                continue;
            }
            for (Prefix s : c.spec().subnets()) {
                overlapsTaken(c, s.network(), taken, swarm, blockers);
            }
        }
    }

    private static void overlapsTaken(CarriedNetwork c, Prefix subnet, Map<String, List<Prefix>> taken, SwarmFacts swarm,
                                      List<Finding> blockers) {
        taken.forEach((name, subnets) -> subnets.stream().filter(s -> !name.equals(c.name()) && s.overlaps(subnet))
                .findFirst().ifPresent(s -> blockers.add(Finding.error("network." + c.name(), "subnet "
                        + subnet + " overlaps " + s + " of the swarm's " + name + " network" + (swarm.cluster().isPresent()
                        ? "" : " (swarm init takes the first /24 of its address pool for it)") + "; set"
                        + " swarm.default-address-pool in the topology to a range clear of the kv networks"))));
    }

    /** The swarm facts as they will be once dockerd runs without the store (the cluster-store is what reset removes). */
    private static SwarmFacts afterDropInRemoval(SwarmFacts facts) {
        List<HostView> hosts = facts.hosts().stream().map(h -> new HostView(h.host(), h.role(), h.info().map(i ->
                new NodeInfo(i.serverVersion(), i.state(), i.nodeId(), i.nodeAddr(), i.controlAvailable(), i.clusterId(),
                        i.clusterLabels(), i.remoteManagers(), i.error(), Optional.empty())), h.unreadable())).toList();
        return new SwarmFacts(hosts, facts.cluster());
    }

    /**
     * The inventory's containers, less what is done already: an attachment whose container is now
     * configured with the swarm network's ID was reconnected; a container that is gone needs nothing.
     */
    private static List<Reconnect> reconnects(KvInventory inventory, MigrationFacts facts, List<String> warnings) {
        Map<String, String> swarmIds = new LinkedHashMap<>();
        facts.swarm().cluster().ifPresent(c -> c.networks().stream().filter(SwarmNetwork::swarmOverlay)
                .forEach(n -> swarmIds.put(n.name(), n.id())));
        Map<List<String>, List<Attachment>> byContainer = new LinkedHashMap<>();
        for (Attachment a : inventory.attachments()) {
            Fact<Optional<Map<String, String>>> now = facts.attached().get(MigrationFacts.key(a.host(), a.container()));
            Optional<Map<String, String>> known = now == null ? Optional.empty() : now.value().orElse(Optional.empty());
            if (now != null && now.value().map(Optional::isEmpty).orElse(false)) {
                warnings.add("container " + a.container() + " on " + a.host() + " (was on " + a.network() + " at "
                        + a.ipv4() + ") is gone: nothing to reconnect");
                continue;
            }
            // A stopped container reconnected names no network ID until it starts (seen on the lab): any
            // ID but the kv network's means done. A running one is done once it names the swarm network.
            String kvId = inventory.network(a.network()).map(OverlayNetwork::id).orElse("");
            boolean done = known.map(m -> m.get(a.network())).filter(id -> a.stopped() ? !id.equals(kvId)
                    : id.equals(swarmIds.get(a.network()))).isPresent();
            if (!done) {
                byContainer.computeIfAbsent(List.of(a.host(), a.container()), k -> new ArrayList<>()).add(a);
            }
        }
        List<Reconnect> out = new ArrayList<>();
        byContainer.forEach((k, list) -> out.add(new Reconnect(k.get(0), k.get(1), list)));
        return out;
    }
}
