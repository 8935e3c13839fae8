package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import java.util.List;
import java.util.Optional;

/**
 * kv mode with kv-store.tls: the CA certificate, certificate and key are files on every overlay
 * host, where dockerd reads them, and on every host of a store ovl runs, where etcd reads them. A
 * missing one leaves dockerd without its cluster store, or the store without TLS.
 */
public final class KvTlsFiles extends HostLocalCheck {
    @Override
    public String name() {
        return "kv.tls-files";
    }

    @Override
    public String description() {
        return "kv mode with kv-store.tls: the TLS files exist on every overlay host (dockerd) and store host (etcd)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        Optional<KvTls> tls = context.topology().mode() == Mode.KV
                ? context.topology().kvStore().flatMap(k -> k.tls()) : Optional.empty();
        if (tls.isEmpty()) {
            return Finding.skip("no kv-store.tls");
        }
        boolean storeHost = context.topology().kvStore().map(k -> k.hosts().contains(host.name())).orElse(false);
        if (!host.host().overlay() && !storeHost) {
            return Finding.skip("neither an overlay host nor a store host");
        }
        Fact<List<String>> missing = context.tlsFilesMissing().get(host.name());
        if (missing == null) {
            return Finding.skip("TLS files not looked for on this host");
        }
        if (missing.value().isEmpty()) {
            return missing("the TLS files", missing);
        }
        if (!missing.value().get().isEmpty()) {
            return Finding.fail("missing or not a readable file on " + host.name() + ": "
                            + String.join(", ", missing.value().get()),
                    "put the CA certificate, the certificate and its key at these paths on " + host.name()
                            + (storeHost ? " (the store's etcd reads them there" + (host.host().overlay()
                            ? ", and dockerd" : "") + ")" : " (dockerd reads them as root)") + ", or correct kv-store.tls");
        }
        return Finding.pass("present: " + String.join(", ", tls.get().paths()));
    }
}
