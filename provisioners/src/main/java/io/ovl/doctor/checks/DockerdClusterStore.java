package io.ovl.doctor.checks;

import io.ovl.core.HostPort;
import io.ovl.core.Finding;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.DockerInfo;
import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * After setup in kv mode: dockerd runs with the cluster store and advertise address the topology
 * describes (a stale drop-in or a hand-edited daemon.json points dockerd elsewhere, and the host
 * silently forms its own overlay).
 */
public final class DockerdClusterStore extends HostLocalCheck {
    @Override
    public String name() {
        return "dockerd.cluster-store";
    }

    @Override
    public String description() {
        return "kv mode, after setup: dockerd runs with the topology's cluster store and advertise address";
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
        Optional<DockerInfo> info = host.facts().dockerInfo().value();
        if (info.isEmpty()) {
            return Finding.skip("dockerd does not answer (see docker.version)");
        }
        if (info.get().clusterStore().isEmpty()) {
            List<String> setUp = context.reachedHosts().stream().filter(h -> h.host().overlay())
                    .filter(h -> h.facts().dockerInfo().value().flatMap(DockerInfo::clusterStore).isPresent())
                    .map(GatheredHost::name).toList();
            if (setUp.isEmpty()) {
                return Finding.skip("not set up yet (ovl init configures the cluster store)");
            }
            return Finding.fail("dockerd runs without --cluster-store, while " + String.join(", ", setUp) + " use one",
                    "run ovl init again for this host, or check its docker.service drop-in");
        }
        KvStore kv = context.topology().kvStore().get();
        String store = info.get().clusterStore().get();
        if (!storeMatches(store, kv, context)) {
            return Finding.fail("dockerd uses cluster store " + store + ", not the topology's " + expected(kv, context),
                    "run ovl init again, or remove the stale setting (drop-in or daemon.json)");
        }
        Optional<String> advertise = info.get().clusterAdvertise();
        Optional<AdvertiseAddress> wanted = AdvertiseAddress.resolve(host.host(), host.facts()).value();
        if (advertise.isPresent() && wanted.isPresent() && !advertise.get().startsWith(wanted.get().ip() + ":")) {
            return Finding.fail("dockerd advertises " + advertise.get() + ", but this host's advertise address is "
                    + wanted.get().ip(), "run ovl init again so --cluster-advertise matches the topology");
        }
        return Finding.pass("cluster store " + store + advertise.map(a -> ", advertising " + a).orElse(""));
    }

    /**
     * Whether dockerd's --cluster-store names the topology's store: the scheme, and every endpoint
     * a store host (by name, address or advertise address) on the store's port. A store of three
     * lists three endpoints ({@code zk://a:2181,b:2181,c:2181/network}); java.net.URI reads such an
     * authority as registry-based, with no host and port, so the endpoints are split here.
     */
    static boolean storeMatches(String store, KvStore kv, DoctorContext context) {
        int sep = store.indexOf("://");
        if (sep <= 0) {
            return false;
        }
        String scheme = store.substring(0, sep);
        List<URI> endpoints = endpoints(scheme, store.substring(sep + 3));
        if (endpoints.isEmpty()) {
            return false;
        }
        if (kv.isExternal()) {
            URI want = kv.url().get();
            return want.getHost() != null && want.getHost().equals(endpoints.get(0).getHost())
                    && want.getPort() == endpoints.get(0).getPort();
        }
        Set<String> storeHosts = new HashSet<>();
        for (String name : kv.hosts()) {
            storeHosts.add(name);
            context.topology().host(name).map(Host::advertiseOrAddress).ifPresent(storeHosts::add);
            context.topology().host(name).map(Host::address).ifPresent(storeHosts::add);
        }
        return kv.backend().scheme().equals(scheme) && endpoints.stream()
                .allMatch(e -> e.getPort() == kv.port() && storeHosts.contains(e.getHost().replaceAll("^\\[(.*)]$", "$1")));
    }

    /** "HOST:PORT,HOST:PORT/path" -> one URI per endpoint; empty when any endpoint has no host. */
    private static List<URI> endpoints(String scheme, String rest) {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<URI> out = new ArrayList<>();
        for (String endpoint : authority.split(",", -1)) {
            try {
                URI uri = URI.create(scheme + "://" + endpoint.strip());
                if (uri.getHost() == null) {
                    return List.of();
                }
                out.add(uri);
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        return out;
    }

    private static String expected(KvStore kv, DoctorContext context) {
        if (kv.isExternal()) {
            return kv.url().get().toString();
        }
        return kv.backend().scheme() + "://" + String.join(",", kv.hosts().stream()
                .map(n -> HostPort.of(context.topology().host(n).map(Host::address).orElse(n), kv.port())).toList());
    }
}
