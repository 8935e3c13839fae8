package io.ovl.doctor;

import io.ovl.facts.Protocol;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.Topology;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Proves that the overlay's ports (and, with an encrypted network, IP protocol 50) are reachable
 * host to host by sending traffic: on every target
 * host a listener binds the ports it needs (see {@link OverlayPorts}) and on every source host one
 * sender sends a tagged message to all its targets at once; the listener's log says which source
 * got through on which port. All hosts probe at the same time, so the probe takes one window
 * (at most {@link #LISTEN_SECONDS} seconds; a listener that heard every source ends early) whatever the number of hosts. Listeners exit by
 * themselves at the end of the window: nothing is left running on a host, even if ovl dies.
 *
 * <p>A port already held on the target (dockerd's 7946 after setup, the kernel's VXLAN 4789) cannot
 * be listened on: a TCP connection to its holder still proves reachability; UDP cannot be proven
 * then and is reported as not probed.
 */
public final class PortProber {
    /** How long senders retry (TCP until connected, UDP resent every half second). */
    public static final int SEND_SECONDS = 3;
    /** How long listeners listen: the send window plus time for the last TCP attempt. */
    public static final int LISTEN_SECONDS = SEND_SECONDS + 4;
    /** probe-send.pl runs at most this many TCP senders at a time. */
    static final int SENDER_TCP_CHILDREN = 32;

    private final SecureRandom random = new SecureRandom();

    /**
     * @param shells open shells of the reached hosts, by topology name
     */
    public ProbeReport probe(Topology topology, List<GatheredHost> hosts, Map<String, RemoteShell> shells) {
        byte[] id = new byte[4];
        random.nextBytes(id);
        String runId = HexFormat.of().formatHex(id);
        Map<String, List<ProbeScripts.Send>> sendsOf = new LinkedHashMap<>();
        Map<String, String> addressOf = new LinkedHashMap<>();
        Map<String, String> bindOf = new HashMap<>();
        Map<String, String> notProbed = new HashMap<>();
        for (GatheredHost h : hosts) {
            if (!h.reached() || !shells.containsKey(h.name())) {
                notProbed.put(h.name(), "host " + h.name() + " not reached");
                continue;
            }
            Fact<AdvertiseAddress> adv = AdvertiseAddress.resolve(h.host(), h.facts());
            if (adv.value().isPresent()) {
                addressOf.put(h.name(), adv.value().get().ip());
                bindOf.put(h.name(), adv.value().get().onInterface() ? adv.value().get().ip() : "0.0.0.0");
            } else {
                notProbed.put(h.name(), "address of " + h.name() + " unknown: " + adv.why());
            }
        }
        List<ExternalStore> externals = ExternalStore.of(topology);
        for (GatheredHost h : hosts) {
            if (h.host().overlay() && addressOf.containsKey(h.name())) {
                for (ExternalStore e : externals) {
                    sendsOf.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(new ProbeScripts.Send(e.need(), e.host()));
                }
            }
        }
        Map<String, List<PortNeed>> needsOf = new LinkedHashMap<>();
        for (GatheredHost h : hosts) {
            // ESP rides in the same listener and sender runs as the ports: one window for both.
            List<PortNeed> needs = new ArrayList<>(OverlayPorts.needs(topology, h.host()));
            OverlayPorts.esp(topology, h.host()).ifPresent(needs::add);
            needsOf.put(h.name(), List.copyOf(needs));
        }
        for (GatheredHost target : hosts) {
            if (!addressOf.containsKey(target.name())) {
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

        Map<String, Future<CommandResult>> listeners = new LinkedHashMap<>();
        Map<String, Future<CommandResult>> senders = new LinkedHashMap<>();
        int threads = Math.max(1, addressOf.size() * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ovl-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            int listenSeconds = listenSeconds(sendsOf);
            for (String target : addressOf.keySet()) {
                List<PortNeed> needs = needsOf.get(target);
                if (!needs.isEmpty()) {
                    RemoteShell shell = shells.get(target);
                    String bind = bindOf.get(target);
                    listeners.put(target, pool.submit(() -> shell.run(ProbeScripts.listen(listenSeconds, runId, bind, needs))));
                }
            }
            for (Map.Entry<String, List<ProbeScripts.Send>> e : sendsOf.entrySet()) {
                RemoteShell shell = shells.get(e.getKey());
                senders.put(e.getKey(), pool.submit(() -> shell.run(
                        ProbeScripts.send(SEND_SECONDS, runId, e.getKey(), e.getValue()))));
            }
            Map<String, ListenerLog> listened = new HashMap<>();
            listeners.forEach((host, f) -> listened.put(host, ListenerLog.of(result(f))));
            Map<String, SenderLog> sent = new HashMap<>();
            senders.forEach((host, f) -> sent.put(host, SenderLog.of(result(f))));
            List<ProbeOutcome> outcomes = new ArrayList<>(outcomes(hosts, needsOf, addressOf, notProbed, listened, sent));
            outcomes.addAll(externalOutcomes(hosts, externals, notProbed, sent));
            return new ProbeReport(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Listeners must outlast the slowest sender: TCP senders to blocked targets take a whole send
     * window plus a connect timeout, and a sender with many TCP targets runs them in waves.
     */
    /** A UDP port the target's own sockets (ss) already hold on the address probed. */
    static boolean udpHeldOn(GatheredHost target, PortNeed need, String ip) {
        return need.protocol() == Protocol.UDP && target.facts().sockets().value().orElse(List.of()).stream()
                .anyMatch(s -> s.socket().blocks(Protocol.UDP, ip, need.port()));
    }

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
                Optional<String> err = log.errorFor("tcp " + e.need().port() + " " + e.host());
                out.add(err.isEmpty()
                        ? new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.CONNECTED, "")
                        : new ProbeOutcome(h.name(), target, e.host(), e.need(), ProbeOutcome.Result.NOT_RECEIVED,
                                "cannot connect: " + err.get()));
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
        // These say nothing about the network: the sender could not try (no root, an IPv6 target).
        if (need.protocol() == Protocol.ESP && sendError.filter(e -> e.startsWith("raw socket:")
                || e.startsWith("not an IPv4 address")).isPresent()) {
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED, "sender on " + s
                    + " cannot send IP protocol 50 (" + sendError.get() + ")" + (sendError.get().startsWith("raw socket:")
                    ? "; the ESP probe needs root: log in as root or set become: sudo" : ""));
        }
        if (listener.busy().containsKey(key)) {
            if (need.protocol() == Protocol.ESP) {
                String why = listener.busy().get(key);
                return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                        "no raw socket for IP protocol 50 on " + t + " (" + why + ")" + (why.startsWith("not an IPv4")
                                ? "" : "; the ESP probe needs root: log in as root or set become: sudo"));
            }
            if (need.protocol() == Protocol.TCP) {
                return sendError.isEmpty()
                        ? new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.CONNECTED,
                                "port held on " + t + "; a connection to it succeeded")
                        : new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_RECEIVED,
                                "cannot connect: " + sendError.get());
            }
            return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_PROBED,
                    "port already held on " + t + " (" + listener.busy().get(key) + "); UDP cannot be probed then");
        }
        String why = sendError.map(e -> "sender: " + e).orElse("sent, nothing arrived within " + SEND_SECONDS + " s");
        return new ProbeOutcome(s, t, address, need, ProbeOutcome.Result.NOT_RECEIVED, why);
    }

    private static Result result(Future<CommandResult> f) {
        try {
            return new Result(Optional.of(f.get()), Optional.empty());
        } catch (ExecutionException e) {
            String msg = e.getCause() instanceof OvlException o ? o.getMessage() : String.valueOf(e.getCause());
            return new Result(Optional.empty(), Optional.of(msg));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), Optional.of("interrupted"));
        }
    }

    private record Result(Optional<CommandResult> command, Optional<String> error) {
        Optional<String> failure() {
            if (error.isPresent()) {
                return error;
            }
            CommandResult r = command.get();
            return r.succeeded() ? Optional.empty() : Optional.of(Fact.failure(r)
                    + (r.exitCode() == 127 ? " (the probe needs perl on the host)" : ""));
        }
    }

    /** Parsed output of probe-listen.pl: "LISTEN p n", "BUSY p n error", "GOT p n source". */
    private record ListenerLog(Optional<String> error, Map<String, String> busy, Set<String> got) {
        static ListenerLog of(Result r) {
            if (r.failure().isPresent()) {
                return new ListenerLog(r.failure(), Map.of(), Set.of());
            }
            Map<String, String> busy = new HashMap<>();
            Set<String> got = new HashSet<>();
            for (String line : r.command().get().stdoutText().split("\n")) {
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

    /** Parsed output of probe-send.pl: "SENT p n addr" or "FAILED p n addr error". */
    private record SenderLog(Optional<String> error, Map<String, String> failed) {
        static final SenderLog NOTHING_SENT = new SenderLog(Optional.empty(), Map.of());

        static SenderLog of(Result r) {
            if (r.failure().isPresent()) {
                return new SenderLog(r.failure(), Map.of());
            }
            Map<String, String> failed = new HashMap<>();
            for (String line : r.command().get().stdoutText().split("\n")) {
                String[] w = line.strip().split(" ", 5);
                if (w.length == 5 && w[0].equals("FAILED")) {
                    failed.put(w[1] + " " + w[2] + " " + w[3], w[4].replace('_', ' '));
                }
            }
            return new SenderLog(Optional.empty(), failed);
        }

        Optional<String> errorFor(String key) {
            return Optional.ofNullable(failed.get(key));
        }
    }
}
