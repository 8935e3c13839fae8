package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreChannelProbe;
import io.ovl.topology.KvTls;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * kv mode, after setup: the KV store is healthy by its own API (etcd /health, Consul's leader,
 * ZooKeeper's srvr), asked from each overlay host at the endpoints its dockerd runs with (or an
 * external store's). An open port is not enough: an etcd member without quorum accepts
 * connections and still fails every write dockerd makes. A TLS store (kv-store.tls) is asked over
 * TLS with the host's own client certificate, as init asks it; a failed handshake fails here with
 * the TLS reason, and where kv.tls-files finds a file missing this check says it could not ask.
 */
public final class KvHealthy extends HostLocalCheck {
    @Override
    public String name() {
        return "kv.healthy";
    }

    @Override
    public String description() {
        return "kv mode, after setup: the KV store reports healthy through its own API, asked from every overlay host";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        Optional<Finding> notHere = KvOverlayHost.skipUnlessOne(context, host);
        if (notHere.isPresent()) {
            return notHere.get();
        }
        boolean tls = context.topology().kvStore().get().tls().isPresent();
        Optional<String> cannotAsk = tls ? whyTlsFilesStopTheAsking(context, host) : Optional.empty();
        if (cannotAsk.isPresent()) {
            return Finding.skip("could not ask the TLS store from here: " + cannotAsk.get());
        }
        List<StoreAnswer> answers = context.storeHealth().get(host.name());
        if (answers == null && tls) {
            return Finding.skip("the TLS store was not asked from here: dockerd uses no cluster store yet (before ovl init),"
                    + " or this connection cannot open a channel to the store; kv.reachable checks the store's port");
        }
        if (answers == null) {
            return Finding.skip("dockerd uses no cluster store yet (before ovl init); kv.reachable checks the store's port");
        }
        List<StoreAnswer> unhealthy = answers.stream().filter(a -> !a.healthy()).toList();
        if (unhealthy.isEmpty()) {
            return Finding.pass(describe(answers));
        }
        String message = (unhealthy.size() == answers.size() ? "the store is not healthy from here: "
                : unhealthy.size() + " of " + answers.size() + " store endpoints are not healthy from here: ")
                + describe(unhealthy);
        if (unhealthy.stream().anyMatch(StoreChannelProbe::tlsFailed)) {
            return Finding.fail(message, "the TLS handshake failed: check on " + host.name() + " that kv-store.tls ca ("
                    + kvTls(context).ca() + ") is the CA that signed the store's certificate, that the store's certificate"
                    + " names the address dialled (subjectAltName), and that the store trusts the CA of the client"
                    + " certificate (" + kvTls(context).cert() + "); `openssl s_client -connect ENDPOINT -CAfile CA -cert"
                    + " CERT -key KEY` on the host shows the handshake");
        }
        if (unhealthy.stream().anyMatch(StoreChannelProbe::tlsFilesUnusable)) {
            return Finding.fail(message, "make kv-store.tls ca and cert (" + kvTls(context).ca() + ", " + kvTls(context).cert()
                    + ") PEM certificates and key (" + kvTls(context).key() + ") an unencrypted PKCS#8 PEM key on "
                    + host.name() + " (`openssl pkcs8 -topk8 -nocrypt -in KEY` converts one)");
        }
        long healthy = answers.size() - unhealthy.size();
        if (healthy > 0) {
            // A member that answers healthy serves requests, which it only does with its cluster's
            // quorum: dockerd, given every endpoint, goes on through it. Degraded, not broken.
            return Finding.warn(message + "; the other " + healthy + " answer healthy, so the store keeps its quorum"
                    + " and dockerd works on", "start the member that does not answer (ovl init starts ovl's store"
                    + " containers; `docker start` it on its kv-store host) before another one fails");
        }
        return Finding.fail(message, "start the store (ovl init starts ovl's store containers; `docker start` them on the"
                + " kv-store hosts), then check this host's dockerd log for discovery errors and restart docker once the"
                + " store answers");
    }

    /**
     * kv-store.tls files missing or unknown here are kv.tls-files' failure; kv.healthy then did not
     * ask (StoreHealthAsker asks only where every file is there) and must not fail a second time.
     */
    private static Optional<String> whyTlsFilesStopTheAsking(DoctorContext context, GatheredHost host) {
        Fact<List<String>> missing = context.tlsFilesMissing().get(host.name());
        if (missing == null) {
            return Optional.empty();
        }
        if (missing instanceof Fact.Unknown<List<String>> unknown) {
            return Optional.of("could not tell whether its TLS files are readable: " + unknown.why() + " (see kv.tls-files)");
        }
        List<String> paths = ((Fact.Known<List<String>>) missing).get();
        return paths.isEmpty() ? Optional.empty() : Optional.of("its TLS files are missing or unreadable ("
                + String.join(", ", paths) + "; see kv.tls-files)");
    }

    private static KvTls kvTls(DoctorContext context) {
        return context.topology().kvStore().flatMap(k -> k.tls()).orElseThrow();
    }

    private static String describe(List<StoreAnswer> answers) {
        return answers.stream().map(a -> a.endpoint() + ": " + a.detail()).collect(Collectors.joining("; "));
    }
}
