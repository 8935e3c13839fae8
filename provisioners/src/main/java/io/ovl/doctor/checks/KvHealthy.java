package io.ovl.doctor.checks;

import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.Verdict;
import io.ovl.kv.StoreAnswer;
import io.ovl.topology.Mode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * kv mode, after setup: the KV store is healthy by its own API (etcd /health, Consul's leader,
 * ZooKeeper's srvr), asked from each overlay host at the endpoints its dockerd runs with (or an
 * external store's). An open port is not enough: an etcd member without quorum accepts
 * connections and still fails every write dockerd makes.
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
    protected Verdict evaluate(DoctorContext context, GatheredHost host) {
        if (context.topology().mode() != Mode.KV || context.topology().kvStore().isEmpty()) {
            return Verdict.skip("not kv mode");
        }
        if (!host.host().overlay()) {
            return Verdict.skip("not an overlay host");
        }
        if (context.topology().kvStore().get().tls().isPresent()) {
            return Verdict.skip("TLS store: its health API is not asked (the client certificate is on the hosts);"
                    + " kv.reachable checks its port and kv.tls-files the certificate files");
        }
        List<StoreAnswer> answers = context.storeHealth().get(host.name());
        if (answers == null) {
            return Verdict.skip("dockerd uses no cluster store yet (before ovl init); kv.reachable checks the store's port");
        }
        List<StoreAnswer> unhealthy = answers.stream().filter(a -> !a.healthy()).toList();
        if (unhealthy.isEmpty()) {
            return Verdict.pass(describe(answers));
        }
        String message = (unhealthy.size() == answers.size() ? "the store is not healthy from here: "
                : unhealthy.size() + " of " + answers.size() + " store endpoints are not healthy from here: ")
                + describe(unhealthy);
        return Verdict.fail(message, "start the store (ovl init starts ovl's store containers; `docker start` them on the"
                + " kv-store hosts), then check this host's dockerd log for discovery errors and restart docker once the"
                + " store answers");
    }

    private static String describe(List<StoreAnswer> answers) {
        return answers.stream().map(a -> a.endpoint() + ": " + a.detail()).collect(Collectors.joining("; "));
    }
}
