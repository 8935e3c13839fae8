package io.ovl.draft;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.doctor.HostFacts;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.EngineVersion;
import io.ovl.facts.KernelVersion;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Mode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Drafts a topology from hosts and their facts: a pure function, so every choice is unit-tested
 * on facts alone. The choices:
 * <ol>
 *   <li>names: each host's own short hostname when valid and unique, else the name typed, else hN;</li>
 *   <li>mode: {@code swarm} when any host runs Engine 23 or later (no {@code --cluster-store} there),
 *       or a host is in a swarm already, or an Engine is unknown; {@code kv} only when every host
 *       is known to run Engine &lt; 23;</li>
 *   <li>advertise: the IPv4 address of the interface whose routes reach the others ({@link Underlay});</li>
 *   <li>kv mode: an etcd store on the first host; swarm mode: the first host is the manager;</li>
 *   <li>an example network on a subnet nothing on the hosts overlaps ({@link FreeSubnet}), with an
 *       MTU that fits the smallest underlay MTU.</li>
 * </ol>
 */
public final class DraftPlanner {
    /** Docker's default overlay MTU, which needs an underlay MTU of 1500 (VXLAN takes 50). */
    static final int DEFAULT_OVERLAY_MTU = 1450;
    static final int VXLAN_OVERHEAD = 50;
    static final String NETWORK_NAME = "myoverlay";
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private DraftPlanner() {
    }

    /** A host as reached: what was typed, and its facts. */
    public record SeenHost(HostArgument target, HostFacts facts) {
        public SeenHost {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(facts, "facts");
        }
    }

    public static TopologyDraft plan(List<SeenHost> seen) {
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("no hosts");
        }
        List<String> names = names(seen);
        List<Underlay.View> views = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            HostFacts f = seen.get(i).facts();
            views.add(new Underlay.View(names.get(i), seen.get(i).target().ip().filter(IpAddress::isV4),
                    f.interfaces().value().orElse(List.of()), f.routes().value().orElse(List.of()),
                    f.dockerNetworks().value().orElse(List.of())));
        }
        List<String> review = new ArrayList<>();
        List<String> modeWhy = new ArrayList<>();
        Mode mode = mode(seen, names, modeWhy);

        List<TopologyDraft.Host> hosts = new ArrayList<>();
        int minMtu = Integer.MAX_VALUE;
        for (int i = 0; i < seen.size(); i++) {
            Underlay.View self = views.get(i);
            List<Underlay.View> peers = new ArrayList<>(views);
            peers.remove(i);
            Underlay.Choice choice = Underlay.choose(self, peers);
            HostFacts f = seen.get(i).facts();
            List<String> comments = new ArrayList<>();
            comments.add(names.get(i) + ": " + describe(f));
            if (f.dockerInfo().value().isEmpty() && f.uid().value().filter(uid -> uid != 0).isPresent()) {
                comments.add("REVIEW: commands ran as uid " + f.uid().value().get() + ", not root: log in as root or"
                        + " pass --become sudo, so that Docker can be read (and ovl init can change it)");
            }
            if (f.interfaces().value().isEmpty()) {
                comments.add("REVIEW: interfaces unknown (" + f.interfaces().why() + "); set advertise: by hand");
            } else if (choice.address().isPresent()) {
                comments.add("advertise " + choice.device().get() + " " + choice.address().get().prefix() + ": " + choice.reason());
                if (choice.mtu() > 0) {
                    minMtu = Math.min(minMtu, choice.mtu());
                }
            } else {
                comments.add("REVIEW: no advertise address found: " + choice.reason());
            }
            choice.elsewhere().forEach(e -> comments.add("REVIEW: " + e));
            if (!names.get(i).equals(ownName(f).orElse(names.get(i)))) {
                comments.add("REVIEW: its hostname is " + ownName(f).get() + ", which another host has too;"
                        + " the store and swarm key on hostnames: give each host its own");
            }
            hosts.add(new TopologyDraft.Host(names.get(i), seen.get(i).target(),
                    choice.address().map(a -> a.address()), mode == Mode.SWARM && i == 0, comments));
        }

        Optional<TopologyDraft.Store> store = Optional.empty();
        TopologyDraft.Host first = hosts.get(0);
        if (mode == Mode.KV) {
            KvBackend backend = KvBackend.ETCD;
            String at = first.advertise().orElse(first.target().address());
            store = Optional.of(new TopologyDraft.Store(backend, first.name(), backend.defaultPort(), List.of(
                    "The key-value store: one etcd member that ovl init runs as a container on " + first.name()
                            + " (the first host given), listening on " + at + ":" + backend.defaultPort()
                            + "; every overlay host's dockerd uses it.",
                    "REVIEW: one member is no quorum: while " + first.name() + " is down no network can be created"
                            + " or joined. Three store hosts (hosts: [a, b, c]) survive the loss of one.",
                    "REVIEW: image is the default, " + backend.defaultImage() + ", pulled from its registry on "
                            + first.name() + "; without registry access set image: to a copy the store host has.")));
        } else {
            review.add("swarm: " + first.name() + " is the one manager (role: manager), the others join as workers;"
                    + " a swarm keeps working through the loss of one manager only with three (or five): give"
                    + " role: manager to two more hosts.");
        }

        Optional<TopologyDraft.Network> network = network(views, seen, names,
                minMtu == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(minMtu));
        if (network.isEmpty()) {
            review.add("no example network: every subnet tried in 172.16.0.0/16 overlaps something on a host;"
                    + " add one under networks: with a subnet of your own.");
        }
        review.add("ssh: every host is reached as written here; ovl init needs root there (user root, or become: sudo"
                + " with passwordless sudo).");
        return new TopologyDraft(mode, modeWhy, hosts, store, network, review);
    }

    /** The mode that fits every host's Engine, with the reason as comment lines. */
    static Mode mode(List<SeenHost> seen, List<String> names, List<String> why) {
        List<String> modern = new ArrayList<>();
        List<String> old = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> inSwarm = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            Optional<DockerInfo> info = seen.get(i).facts().dockerInfo().value();
            if (info.isEmpty()) {
                unknown.add(names.get(i) + " (" + seen.get(i).facts().dockerInfo().why() + ")");
                continue;
            }
            EngineVersion v = info.get().serverVersion();
            (v.supportsClusterStore() ? old : modern).add(names.get(i) + " " + v);
            if (info.get().swarmActive()) {
                inSwarm.add(names.get(i) + " (" + info.get().swarmState() + ")");
            }
        }
        if (!modern.isEmpty()) {
            why.add("mode swarm: Docker Engine 23 removed dockerd's --cluster-store, which kv mode needs on every host,"
                    + " and " + String.join(", ", modern) + (modern.size() == 1 ? " runs" : " run") + " Engine 23 or later."
                    + " Swarm mode works on every Engine from 20.10 on" + (old.isEmpty() ? "."
                    : ", so it fits " + String.join(", ", old) + " too."));
        } else if (!inSwarm.isEmpty()) {
            why.add("mode swarm: every Engine known here is < 23, but Docker on " + String.join(", ", inSwarm)
                    + " is in a swarm already, and kv mode needs no swarm (doctor's docker.mode-compat)."
                    + " For kv mode, leave that swarm first.");
        } else if (!unknown.isEmpty()) {
            why.add("mode swarm: kv mode needs every host on Engine < 23, and the Engine is not known on "
                    + String.join(", ", unknown) + "; swarm mode works on every Engine from 20.10 on.");
            why.add("REVIEW: when every host runs Engine < 23 and you want Docker's classic guide, use mode kv"
                    + " with a kv-store.");
        } else {
            why.add("mode kv: every host runs Docker Engine < 23 (" + String.join(", ", old) + "), whose dockerd"
                    + " still takes --cluster-store: ovl runs a key-value store and points every dockerd at it."
                    + " Engine 23 removed that flag; after a Docker upgrade, `ovl migrate` moves the overlay to swarm mode.");
            return Mode.KV;
        }
        return Mode.SWARM;
    }

    private static Optional<TopologyDraft.Network> network(List<Underlay.View> views, List<SeenHost> seen,
                                                           List<String> names, OptionalInt minMtu) {
        Optional<Prefix> subnet = FreeSubnet.first(views);
        if (subnet.isEmpty()) {
            return Optional.empty();
        }
        List<String> comments = new ArrayList<>();
        comments.add("An example overlay network (ovl init creates every network listed here): " + subnet.get()
                + " overlaps no address, route or Docker network seen on " + String.join(", ", names)
                + ", and no pool Docker allocates from by default.");
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            HostFacts f = seen.get(i).facts();
            if (!f.interfaces().isKnown() || !f.routes().isKnown() || !f.dockerNetworks().isKnown()) {
                unread.add(names.get(i));
            }
        }
        if (!unread.isEmpty()) {
            comments.add("REVIEW: addresses, routes or Docker networks of " + String.join(", ", unread)
                    + " were not read: the subnet is not checked there.");
        }
        OptionalInt mtu = OptionalInt.empty();
        if (minMtu.isPresent() && minMtu.getAsInt() - VXLAN_OVERHEAD < DEFAULT_OVERLAY_MTU) {
            mtu = OptionalInt.of(minMtu.getAsInt() - VXLAN_OVERHEAD);
            comments.add("mtu: the smallest advertise interface MTU here is " + minMtu.getAsInt() + "; VXLAN takes "
                    + VXLAN_OVERHEAD + ", Docker's default " + DEFAULT_OVERLAY_MTU + " would not fit.");
        }
        comments.add("REVIEW: name and subnet are examples; ovl net create adds more later.");
        return Optional.of(new TopologyDraft.Network(NETWORK_NAME, subnet.get(), mtu, comments));
    }

    /** "Linux 6.1.0-13-amd64, Docker Engine 20.10.24+dfsg1" with what is unknown said so. */
    private static String describe(HostFacts f) {
        String kernel = f.kernel().value().map(KernelVersion::toString).map(k -> "Linux " + k)
                .orElse("kernel unknown (" + f.kernel().why() + ")");
        String docker = f.dockerInfo().value().map(d -> "Docker Engine " + d.serverVersion())
                .orElse("Docker Engine unknown (" + f.dockerInfo().why() + ")");
        return kernel + ", " + docker;
    }

    /** Each host's name in the file: its short hostname, else the name it was given as, else hN; unique. */
    static List<String> names(List<SeenHost> seen) {
        List<String> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            HostArgument t = seen.get(i).target();
            Optional<String> typed = t.ip().isPresent() ? Optional.empty() : shortLabel(t.address());
            String base = ownName(seen.get(i).facts()).or(() -> typed).orElse("h" + (i + 1));
            String name = base;
            for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "-" + n;
                name = base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
            }
            taken.add(name.toLowerCase(Locale.ROOT));
            out.add(name);
        }
        return out;
    }

    private static Optional<String> ownName(HostFacts f) {
        return f.hostname().value().flatMap(DraftPlanner::shortLabel);
    }

    private static Optional<String> shortLabel(String name) {
        String label = name.strip();
        int dot = label.indexOf('.');
        if (dot >= 0) {
            label = label.substring(0, dot);
        }
        return LABEL.matcher(label).matches() ? Optional.of(label) : Optional.empty();
    }
}
