package io.ovl.doctor;

import io.ovl.core.HostPort;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.facts.Protocol;
import io.ovl.ssh.CommandStarter;
import io.ovl.topology.Topology;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Proves that the overlay's ports (and, with an encrypted network, IP protocol 50) are reachable
 * host to host by sending traffic: on every target host a listener binds the ports it needs (see
 * {@link OverlayPorts}) and on every source host one sender sends a tagged message to all its
 * targets at once; the listener's output says which source got through on which port.
 *
 * <p>The run is ordered by events, never by a shared clock, because hosts start their sides at
 * very different times (a {@code sudo} that cannot resolve the host's own name waits 11 s):
 * <ol>
 *   <li>every listener is started and says {@code READY} once its ports are bound;</li>
 *   <li>only when every listener is ready (or given up on: its ports are then not probed, with the
 *       reason) are the senders started; each says {@code START} and sends for
 *       {@link #SEND_SECONDS} from its own start;</li>
 *   <li>when every sender has started, every listener is told {@code GO}: its window of at most
 *       {@link #LISTEN_SECONDS} counts from then (it ends early once it heard every source);</li>
 *   <li>then both sides are read to their end.</li>
 * </ol>
 * A slow host therefore makes the probe slower, never wrong. Every wait is bounded: a side that
 * does not say READY or START within its host's command-timeout (at most {@link #START_BOUND}) is
 * named as not run. A listener also ends when its stdin closes (ovl gone) and after a hard cap
 * that outlasts every bound here, so nothing is left running on a host even if ovl dies.
 *
 * <p>Only ESP needs root (raw sockets): the ports are all above 1024, so on a {@code become: sudo}
 * host the listener and the sender run without sudo unless they carry ESP.
 *
 * <p>A port already held on the target (dockerd's 7946 after setup, the kernel's VXLAN 4789) cannot
 * be listened on: a TCP connection to its holder still proves reachability; UDP cannot be proven
 * then and is reported as not probed.
 */
public final class PortProber {
    /** How long senders retry (TCP until connected, UDP resent every half second), from their own start. */
    public static final int SEND_SECONDS = 3;
    /** How long listeners listen after GO: the send window plus time for the last TCP attempt. */
    public static final int LISTEN_SECONDS = SEND_SECONDS + 4;
    /** probe-send.pl runs at most this many TCP senders at a time. */
    static final int SENDER_TCP_CHILDREN = 32;
    /**
     * The longest wait for one side to say READY or START: the host's command-timeout, never more
     * than this (ovl's default command-timeout), so the listener's own cap can outlast the run.
     */
    static final Duration START_BOUND = Duration.ofSeconds(60);
    /** Allowed on top of a side's own window for its last lines and exit to reach ovl. */
    private static final int END_SLACK_SECONDS = 10;

    private final SecureRandom random = new SecureRandom();
    private final Duration startBound;

    public PortProber() {
        this(START_BOUND);
    }

    /** Test seam: a shorter bound for sides that never say READY or START. */
    PortProber(Duration startBound) {
        this.startBound = startBound;
    }

    /**
     * @param starters streaming exec of the reached hosts, by topology name; a reached host
     *                 without one is not probed, with the reason
     */
    public ProbeReport probe(Topology topology, List<GatheredHost> hosts, Map<String, CommandStarter> starters) {
        byte[] id = new byte[4];
        random.nextBytes(id);
        String runId = HexFormat.of().formatHex(id);
        Map<String, String> addressOf = new LinkedHashMap<>();
        Map<String, String> bindOf = new HashMap<>();
        Map<String, String> notProbed = new HashMap<>();
        for (GatheredHost h : hosts) {
            if (!h.reached()) {
                notProbed.put(h.name(), "host " + h.name() + " not reached");
                continue;
            }
            if (!starters.containsKey(h.name())) {
                notProbed.put(h.name(), "host " + h.name() + ": its connection cannot stream a command for the probe");
                continue;
            }
            Fact<AdvertiseAddress> adv = AdvertiseAddress.resolve(h.host(), h.facts());
            if (adv.value().isPresent()) {
                addressOf.put(h.name(), adv.value().get().ip());
                bindOf.put(h.name(), ProbeScripts.bindAddress(adv.value().get()));
            } else {
                notProbed.put(h.name(), "address of " + h.name() + " unknown: " + adv.why());
            }
        }
        List<ExternalStore> externals = ExternalStore.of(topology);
        Map<String, List<PortNeed>> needsOf = new LinkedHashMap<>();
        for (GatheredHost h : hosts) {
            // ESP rides in the same listener and sender runs as the ports: one window for both.
            List<PortNeed> needs = new ArrayList<>(OverlayPorts.needs(topology, h.host()));
            OverlayPorts.esp(topology, h.host()).ifPresent(needs::add);
            needsOf.put(h.name(), List.copyOf(needs));
        }
        // Listeners are told their window before the senders are known: plan as if every one gets ready.
        int listenSeconds = listenSeconds(sends(hosts, externals, needsOf, addressOf, addressOf.keySet()));
        int capSeconds = Math.toIntExact(2 * secondsUp(startBound) + listenSeconds + 2L * END_SLACK_SECONDS);
        Duration endBound = Duration.ofSeconds(listenSeconds + END_SLACK_SECONDS);

        Map<String, ProbeSide> listeners = new LinkedHashMap<>();
        Map<String, ProbeSide> senders = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ovl-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            // 1. Every listener up and bound.
            List<String> targets = addressOf.keySet().stream().filter(t -> !needsOf.get(t).isEmpty()).toList();
            inParallel(pool, targets, t -> {
                List<PortNeed> needs = needsOf.get(t);
                ProbeSide side = ProbeSide.start(t, "listener", starters.get(t),
                        ProbeScripts.listen(listenSeconds, capSeconds, runId, bindOf.get(t), needs),
                        ProbeScripts.listenerNeedsRoot(needs));
                synchronized (listeners) {
                    listeners.put(t, side);
                }
                side.awaitLine("READY", startBound);
            });
            Set<String> ready = new HashSet<>();
            listeners.forEach((t, side) -> {
                if (side.failure().isEmpty()) {
                    ready.add(t);
                }
            });
            // 2. Senders, only towards listeners that are ready (and external stores); each says START.
            Map<String, List<ProbeScripts.Send>> sendsOf = sends(hosts, externals, needsOf, addressOf, ready);
            inParallel(pool, List.copyOf(sendsOf.keySet()), s -> {
                List<ProbeScripts.Send> sends = sendsOf.get(s);
                ProbeSide side = ProbeSide.start(s, "sender", starters.get(s), ProbeScripts.send(SEND_SECONDS, runId, s, sends),
                        ProbeScripts.senderNeedsRoot(sends));
                synchronized (senders) {
                    senders.put(s, side);
                }
                side.awaitLine("START", startBound);
            });
            // 3. Every sender is sending: the listeners' windows start now.
            listeners.values().forEach(l -> l.tell("GO"));
            // 4. Both sides to their end.
            Map<String, ListenerLog> listened = new ConcurrentHashMap<>();
            Map<String, SenderLog> sent = new ConcurrentHashMap<>();
            List<Runnable> reads = new ArrayList<>();
            listeners.forEach((t, side) -> reads.add(() -> listened.put(t, ListenerLog.of(side.finish(endBound)))));
            senders.forEach((s, side) -> reads.add(() -> sent.put(s, SenderLog.of(side.finish(endBound)))));
            inParallel(pool, reads, Runnable::run);
            List<ProbeOutcome> outcomes = new ArrayList<>(outcomes(hosts, needsOf, addressOf, notProbed, listened, sent));
            outcomes.addAll(externalOutcomes(hosts, externals, notProbed, sent));
            return new ProbeReport(outcomes);
        } finally {
            listeners.values().forEach(ProbeSide::close);
            senders.values().forEach(ProbeSide::close);
            pool.shutdownNow();
        }
    }

    /**
     * What each source sends: the external stores, and every need of every target in
     * {@code listening} (a target whose listener is not there has nobody to hear it).
     */
    private static Map<String, List<ProbeScripts.Send>> sends(List<GatheredHost> hosts, List<ExternalStore> externals,
                                                              Map<String, List<PortNeed>> needsOf,
                                                              Map<String, String> addressOf, Set<String> listening) {
        Map<String, List<ProbeScripts.Send>> sendsOf = new LinkedHashMap<>();
        for (GatheredHost h : hosts) {
            if (h.host().overlay() && addressOf.containsKey(h.name())) {
                for (ExternalStore e : externals) {
                    sendsOf.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(new ProbeScripts.Send(e.need(), e.host()));
                }
            }
        }
        for (GatheredHost target : hosts) {
            if (!addressOf.containsKey(target.name()) || !listening.contains(target.name())) {
                continue;
            }
            for (PortNeed need : needsOf.get(target.name())) {
                if (udpHeldOn(target, need, addressOf.get(target.name()))) {
                    // The listener cannot bind it (reported as not probed), and the daemon holding it
                    // would read our text as a bad message: dockerd's memberlist logs every one.
                    continue;
                }
                for (String source : need.sources()) {
                    if (addressOf.containsKey(source)) {
                        sendsOf.computeIfAbsent(source, s -> new ArrayList<>())
                                .add(new ProbeScripts.Send(need, addressOf.get(target.name())));
                    }
                }
            }
        }
        return sendsOf;
    }

    /** Runs {@code step} for every item on the pool and waits for all; each step bounds its own waits. */
    private static <T> void inParallel(ExecutorService pool, List<T> items, Consumer<T> step) {
        List<Future<?>> running = new ArrayList<>();
        for (T item : items) {
            running.add(pool.submit(() -> step.accept(item)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // A step records its own failure on its side; anything else is a bug to see.
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvlException(ExitCode.INTERRUPTED, "port probe: interrupted", e);
            }
        }
    }

    private static long secondsUp(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    /** A UDP port the target's own sockets (ss) already hold on the address probed. */
    static boolean udpHeldOn(GatheredHost target, PortNeed need, String ip) {
        return need.protocol() == Protocol.UDP && target.facts().sockets().value().orElse(List.of()).stream()
                .anyMatch(s -> s.socket().blocks(Protocol.UDP, ip, need.port()));
    }

    /**
     * Listeners must outlast the slowest sender: TCP senders to blocked targets take a whole send
     * window plus a connect timeout, and a sender with many TCP targets runs them in waves.
     */
    static int listenSeconds(Map<String, List<ProbeScripts.Send>> sendsOf) {
        long maxTcp = sendsOf.values().stream()
                .mapToLong(l -> l.stream().filter(s -> s.need().protocol() == io.ovl.facts.Protocol.TCP).count())
                .max().orElse(0);
        long waves = Math.max(1, (maxTcp + SENDER_TCP_CHILDREN - 1) / SENDER_TCP_CHILDREN);
        return Math.toIntExact(LISTEN_SECONDS + (waves - 1) * (SEND_SECONDS + 2));
    }

    private static List<ProbeOutcome> outcomes(List<GatheredHost> hosts, Map<String, List<PortNeed>> needsOf,
                                               Map<String, String> addressOf, Map<String, String> notProbed,
                                               Map<String, ListenerLog> listened, Map<String, SenderLog> sent) {
        List<ProbeOutcome> out = new ArrayList<>();
        for (GatheredHost target : hosts) {
            String t = target.name();
            String address = addressOf.getOrDefault(t, target.host().address());
            for (PortNeed need : needsOf.get(t)) {
                for (GatheredHost sourceHost : hosts) {
                    String s = sourceHost.name();
                    if (!need.sources().contains(s)) {
                        continue;
                    }
                    // A source with nothing to send (every port it would probe is held) ran no sender.
                    out.add(outcome(s, t, address, need, notProbed, listened.get(t),
                            sent.getOrDefault(s, SenderLog.NOTHING_SENT)));
                }
            }
        }
        return out;
    }

    /** An external KV store has no listener of ours: a TCP connection to it is the proof. */
    private static List<ProbeOutcome> externalOutcomes(List<GatheredHost> hosts, List<ExternalStore> externals,
                                                       Map<String, String> notProbed, Map<String, SenderLog> sent) {
        List<ProbeOutcome> out = new ArrayList<>();
        for (GatheredHost h : hosts) {
            if (!h.host().overlay()) {
                continue;
            }
            for (ExternalStore e : externals) {
                String target = e.target();
                if (notProbed.containsKey(h.name()) || !sent.containsKey(h.name())) {
                    out.add(new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.NOT_PROBED,
                            notProbed.getOrDefault(h.name(), "no sender ran on " + h.name())));
                    continue;
                }
                SenderLog log = sent.get(h.name());
                if (log.error().isPresent()) {
                    out.add(new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.NOT_PROBED,
                            "sender on " + h.name() + " did not run: " + log.error().get()));
                    continue;
                }
                String key = "tcp " + e.need().port() + " " + e.host();
                Optional<String> err = log.errorFor(key);
                if (err.isPresent()) {
                    out.add(new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.NOT_RECEIVED,
                            "cannot connect: " + err.get()));
                } else if (log.sent(key)) {
                    out.add(new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.CONNECTED, ""));
                } else {
                    // Only the sender's own line counts: a missing one is no connection.
                    out.add(new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.NOT_PROBED,
                            "sender on " + h.name() + " gave no result for " + HostPort.of(e.host(), e.port())));
                }
            }
        }
        return out;
    }

    private static ProbeOutcome outcome(String s, String t, String address, PortNeed need, Map<String, String> notProbed,
                                        ListenerLog listener, SenderLog sender) {
        if (notProbed.containsKey(t)) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED, notProbed.get(t));
        }
        if (notProbed.containsKey(s)) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED, notProbed.get(s));
        }
        if (listener.error().isPresent()) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                    "listener on " + t + " did not run: " + listener.error().get());
        }
        if (sender.error().isPresent()) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                    "sender on " + s + " did not run: " + sender.error().get());
        }
        String key = need.protocol().lowerName() + " " + need.port();
        if (listener.got().contains(key + " " + s)) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.RECEIVED, "");
        }
        Optional<String> sendError = sender.errorFor(key + " " + address);
        // These say nothing about the network: the sender could not try (no root, no IP literal).
        if (need.protocol() == Protocol.ESP && sendError.filter(e -> e.startsWith("raw socket:")
                || e.replace('_', ' ').startsWith("not an IP")).isPresent()) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED, "sender on " + s
                    + " cannot send IP protocol 50 (" + sendError.get() + ")" + (sendError.get().startsWith("raw socket:")
                    ? "; the ESP probe needs root: log in as root or set become: sudo" : ""));
        }
        if (listener.busy().containsKey(key)) {
            if (need.protocol() == Protocol.ESP) {
                String why = listener.busy().get(key);
                return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                        "no raw socket for IP protocol 50 on " + t + " (" + why + ")" + (why.replace('_', ' ').startsWith("not an IP")
                                ? "" : "; the ESP probe needs root: log in as root or set become: sudo"));
            }
            if (need.protocol() == Protocol.TCP) {
                if (sendError.isPresent()) {
                    return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_RECEIVED,
                            "cannot connect: " + sendError.get());
                }
                return sender.sent(key + " " + address)
                        ? new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.CONNECTED,
                                "port held on " + t + "; a connection to it succeeded")
                        : new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                                "sender on " + s + " gave no result for " + need.label() + " to " + t);
            }
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                    "port already held on " + t + " (" + listener.busy().get(key) + "); UDP cannot be probed then");
        }
        if (sendError.isEmpty() && !sender.sent(key + " " + address)) {
            // "Nothing arrived" is a verdict on the network only when the sender says it sent.
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                    "sender on " + s + " gave no result for " + need.label() + " to " + t);
        }
        String why = sendError.map(e -> "sender: " + e).orElse("sent, nothing arrived within " + SEND_SECONDS + " s");
        return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_RECEIVED, why);
    }

    /** Parsed output of probe-listen.pl: "LISTEN p n", "BUSY p n error", "READY", "GOT p n source". */
    private record ListenerLog(Optional<String> error, Map<String, String> busy, Set<String> got) {
        static ListenerLog of(ProbeSide.ProbeRun r) {
            if (r.error().isPresent()) {
                return new ListenerLog(r.error(), Map.of(), Set.of());
            }
            Map<String, String> busy = new HashMap<>();
            Set<String> got = new HashSet<>();
            for (String line : r.stdout().split("\n")) {
                String[] w = line.strip().split(" ", 4);
                if (w.length >= 4 && w[0].equals("BUSY")) {
                    busy.put(w[1] + " " + w[2], w[3]);
                } else if (w.length == 4 && w[0].equals("GOT")) {
                    got.add(w[1] + " " + w[2] + " " + w[3]);
                }
            }
            return new ListenerLog(Optional.empty(), busy, got);
        }
    }

    /** Parsed output of probe-send.pl: "START", then "SENT p n addr" or "FAILED p n addr error" per target. */
    private record SenderLog(Optional<String> error, Set<String> sent, Map<String, String> failed) {
        static final SenderLog NOTHING_SENT = new SenderLog(Optional.empty(), Set.of(), Map.of());

        static SenderLog of(ProbeSide.ProbeRun r) {
            if (r.error().isPresent()) {
                return new SenderLog(r.error(), Set.of(), Map.of());
            }
            Set<String> sent = new HashSet<>();
            Map<String, String> failed = new HashMap<>();
            for (String line : r.stdout().split("\n")) {
                String[] w = line.strip().split(" ", 5);
                if (w.length == 4 && w[0].equals("SENT")) {
                    sent.add(w[1] + " " + w[2] + " " + w[3]);
                } else if (w.length == 5 && w[0].equals("FAILED")) {
                    failed.put(w[1] + " " + w[2] + " " + w[3], w[4].replace('_', ' '));
                }
            }
            return new SenderLog(Optional.empty(), sent, failed);
        }

        Optional<String> errorFor(String key) {
            return Optional.ofNullable(failed.get(key));
        }

        boolean sent(String key) {
            return sent.contains(key);
        }
    }
}
