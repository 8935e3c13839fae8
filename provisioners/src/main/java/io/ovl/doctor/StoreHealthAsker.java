package io.ovl.doctor;

import io.ovl.core.HostPort;
import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.Fact;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreChannelProbe;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.StoreHealth;
import io.ovl.kv.TlsExchange;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the KV store for its health through the store's own API (etcd /health, Consul's leader,
 * ZooKeeper's srvr), from each overlay host: from where dockerd connects, over that host's SSH
 * session, with perl as the port probe uses it (no curl or nc needed on the host).
 *
 * <p>Which endpoints: those the host's dockerd runs with (after setup), else an external store's
 * (kv-store url). Before setup a store ovl runs does not exist yet; kv.reachable covers its port.
 * A TLS store is asked over TLS through an SSH channel instead, as init asks it (see {@link #ask}).
 */
final class StoreHealthAsker {

    /** Connects, sends stdin, prints the answer; exit 3 connect failed, 4 no answer in time. */
    static final String SCRIPT = String.join("\n",
            "use strict; use IO::Socket::IP;",
            "$SIG{ALRM} = sub { print STDERR \"no answer within 5 s\\n\"; exit 4 }; alarm 5;",
            "my $s = IO::Socket::IP->new(PeerHost => $ARGV[0], PeerPort => $ARGV[1], Proto => 'tcp')",
            "  or do { print STDERR \"cannot connect: $@\\n\"; exit 3 };",
            "binmode STDIN; binmode STDOUT; local $/; my $req = <STDIN>; print $s $req;",
            "while (sysread($s, my $buf, 4096)) { print $buf }");

    private StoreHealthAsker() {
    }

    /** The store a host's dockerd should reach: its backend and endpoints. */
    record StoreTarget(KvBackend backend, List<ExternalStore> endpoints) {
    }

    /** A plain store's health from every overlay host (no TLS: no dialers needed). */
    static Map<String, List<StoreAnswer>> ask(Topology topology, List<GatheredHost> hosts,
                                              Map<String, RemoteShell> shells, ParallelHosts parallel) {
        return ask(topology, hosts, shells, Map.of(), Map.of(), parallel);
    }

    /**
     * The store's health as each overlay host sees it. A plain store is asked with perl over the
     * host's shell; a TLS store (kv-store.tls) through the host's {@link StoreDialer} with the
     * client certificate read from that host, exactly as init's store probe asks it
     * ({@link StoreChannelProbe}), and only from hosts where kv.tls-files found every file: where
     * one is missing that check reports it, and kv.healthy says it could not ask.
     *
     * @param dialers    host name -> streams to the store from that host (hosts without one are not asked a TLS store)
     * @param tlsMissing kv.tls-files' facts: host name -> the TLS files missing there
     */
    static Map<String, List<StoreAnswer>> ask(Topology topology, List<GatheredHost> hosts,
                                              Map<String, RemoteShell> shells, Map<String, StoreDialer> dialers,
                                              Map<String, Fact<List<String>>> tlsMissing, ParallelHosts parallel) {
        Optional<KvTls> tls = topology.kvStore().flatMap(KvStore::tls);
        List<GatheredHost> asked = hosts.stream()
                .filter(h -> shells.containsKey(h.name()) && target(topology, h).isPresent())
                .filter(h -> tls.isEmpty() || (dialers.containsKey(h.name()) && allTlsFilesThere(tlsMissing.get(h.name()))))
                .toList();
        List<HostResult<List<StoreAnswer>>> results = parallel.forEach(asked, GatheredHost::name, h -> {
            StoreTarget t = target(topology, h).orElseThrow();
            if (tls.isPresent()) {
                return askOverTls(new RemoteFiles(shells.get(h.name()), h.name()), dialers.get(h.name()), h.name(),
                        tls.get(), t);
            }
            return t.endpoints().stream().map(e -> askOne(shells.get(h.name()), t.backend(), e)).toList();
        });
        Map<String, List<StoreAnswer>> out = new LinkedHashMap<>();
        for (HostResult<List<StoreAnswer>> r : results) {
            out.put(r.host(), r.value().orElseGet(() -> List.of(new StoreAnswer("store", false,
                    r.error().map(Throwable::getMessage).orElse("unknown error")))));
        }
        return out;
    }

    private static boolean allTlsFilesThere(Fact<List<String>> missing) {
        return missing instanceof Fact.Known<List<String>> known && known.get().isEmpty();
    }

    /** Reads the host's TLS files once, then asks every endpoint over TLS from that host. */
    static List<StoreAnswer> askOverTls(RemoteFiles files, StoreDialer dialer, String host, KvTls tls, StoreTarget target) {
        TlsExchange.Pem pem;
        try {
            pem = StoreChannelProbe.readPem(files, tls, host);
        } catch (OvlException e) {
            return target.endpoints().stream().map(e2 -> new StoreAnswer(endpoint(e2), false, e.getMessage())).toList();
        }
        return target.endpoints().stream()
                .map(e -> StoreChannelProbe.ask(dialer, host, target.backend(), Optional.of(pem), endpoint(e))).toList();
    }

    private static String endpoint(ExternalStore e) {
        return HostPort.of(e.host(), e.port());
    }

    static Optional<StoreTarget> target(Topology topology, GatheredHost host) {
        if (topology.mode() != Mode.KV || topology.kvStore().isEmpty() || !host.reached() || !host.host().overlay()) {
            return Optional.empty();
        }
        KvBackend declared = topology.kvStore().get().backend();
        Optional<String> running = host.facts().dockerInfo().value().flatMap(DockerInfo::clusterStore);
        if (running.isPresent()) {
            String url = running.get();
            KvBackend backend = Arrays.stream(KvBackend.values())
                    .filter(b -> url.startsWith(b.scheme() + "://")).findFirst().orElse(declared);
            return Optional.of(new StoreTarget(backend, ExternalStore.parse(url, backend.defaultPort())));
        }
        List<ExternalStore> external = ExternalStore.of(topology);
        return external.isEmpty() ? Optional.empty() : Optional.of(new StoreTarget(declared, external));
    }

    static RemoteCommand command(KvBackend backend, ExternalStore endpoint) {
        String ep = HostPort.of(endpoint.host(), endpoint.port());
        return RemoteCommand.of("perl", "-e", SCRIPT, endpoint.host(), Integer.toString(endpoint.port()))
                .withStdin(StoreHealth.request(backend, ep));
    }

    static StoreAnswer askOne(RemoteShell shell, KvBackend backend, ExternalStore endpoint) {
        String ep = HostPort.of(endpoint.host(), endpoint.port());
        CommandResult r = shell.run(command(backend, endpoint));
        if (!r.succeeded()) {
            String why = r.stderrText().strip();
            return new StoreAnswer(ep, false, why.isEmpty() ? "perl exited with status " + r.exitCode() : why);
        }
        return StoreHealth.interpret(backend, ep, r.stdout());
    }
}
