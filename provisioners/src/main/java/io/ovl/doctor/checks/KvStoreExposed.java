package io.ovl.doctor.checks;

import io.ovl.core.HostPort;
import io.ovl.core.Finding;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.doctor.BoundSocket;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.ListeningSocket;
import io.ovl.facts.Protocol;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import java.util.List;
import java.util.Optional;

/**
 * kv mode, a store ovl runs without TLS: on each store host (once per store host, not per overlay
 * host), the store's client port must listen only on the underlay address the topology uses for that
 * host ({@link AdvertiseAddress#resolve}) or on loopback. A wildcard (0.0.0.0, ::, *) or another
 * address (a management or public network) lets anything that reaches the host read and write
 * Docker's network state. A warning: the store works, but is exposed.
 */
public final class KvStoreExposed extends HostLocalCheck {
    @Override
    public String name() {
        return "kv.store-exposed";
    }

    @Override
    public String description() {
        return "kv mode, store without TLS: it listens only on the store host's underlay address";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.WARNING;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        Optional<KvStore> store = context.topology().mode() == Mode.KV
                ? context.topology().kvStore().filter(k -> k.url().isEmpty()) : Optional.empty();
        if (store.isEmpty()) {
            return Finding.skip("no store ovl runs (kv mode with kv-store.hosts)");
        }
        if (!store.get().hosts().contains(host.name())) {
            return Finding.skip("not a store host");
        }
        if (store.get().tls().isPresent()) {
            return Finding.skip("the store uses TLS (kv-store.tls)");
        }
        if (host.facts().sockets().value().isEmpty()) {
            return Finding.skip("cannot tell: listening sockets unknown: " + host.facts().sockets().why());
        }
        Fact<AdvertiseAddress> underlay = AdvertiseAddress.resolve(host.host(), host.facts());
        if (underlay.value().isEmpty()) {
            return Finding.skip("cannot tell the host's underlay address: " + underlay.why());
        }
        String ip = underlay.value().get().ip();
        int port = store.get().port();
        List<ListeningSocket> exposed = host.facts().sockets().value().get().stream().map(BoundSocket::socket)
                .filter(s -> s.protocol() == Protocol.TCP && s.port() == port)
                .filter(s -> !s.address().equals(ip) && !loopback(s.address()))
                .toList();
        if (exposed.isEmpty()) {
            return Finding.pass("port " + port + " listens on " + ip + " only (or on loopback)");
        }
        ListeningSocket s = exposed.get(0);
        String where = HostPort.of(s.address(), port);
        String reach = s.isWildcard() ? host.name() : host.name() + " on " + s.address();
        return Finding.warn("kv store on " + host.name() + " listens on " + where + " without TLS: anything that reaches "
                + reach + " reaches the store", "bind it to " + ip + " (ovl init does) or set kv-store.tls");
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
