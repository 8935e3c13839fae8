package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.DockerInfo;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Mode;

/**
 * The topology's mode fits the host's Engine: kv mode needs --cluster-store, which Engine 23
 * removed (dockerd then fails with "unknown flag" and stays down), and must not meet an engine
 * that is in a swarm.
 */
public final class DockerModeCompat extends HostLocalCheck {
    @Override
    public String name() {
        return "docker.mode-compat";
    }

    @Override
    public String description() {
        return "the topology's mode fits the Engine (kv mode needs Engine < 23 and no active swarm)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (!host.host().overlay()) {
            return Finding.skip("not an overlay host");
        }
        if (host.facts().dockerInfo().value().isEmpty()) {
            return Finding.skip("dockerd does not answer (see docker.version)");
        }
        DockerInfo info = host.facts().dockerInfo().value().get();
        Mode mode = context.topology().mode();
        if (mode == Mode.KV) {
            if (!info.supportsClusterStore()) {
                return Finding.fail("mode kv needs --cluster-store, which Engine " + info.serverVersion().raw()
                                + " no longer has (removed in 23.0; dockerd would fail with \"unknown flag\" and stay down)",
                        "use `mode: swarm` for this cluster, or run Engine 20.10 on this host");
            }
            if (info.swarmActive()) {
                return Finding.fail("mode kv, but this engine is in a swarm (state " + info.swarmState() + ")",
                        "leave the swarm (`docker swarm leave --force`) or use `mode: swarm`");
            }
            if (context.topology().kvStore().map(k -> k.backend() == KvBackend.ZOOKEEPER).orElse(false)) {
                // Seen in the lab (ZooKeeperLabIT): libkv lists ZooKeeper keys as bare child names, so
                // libnetwork never finds a network's endpoint count and dockerd panics on the first join.
                return Finding.warn("Engine " + info.serverVersion().raw() + " with a ZooKeeper store: networks are"
                        + " created and seen everywhere, but dockerd 20.10 panics when a container joins one (nil"
                        + " endpointCnt in libnetwork)", "use `backend: etcd` for overlays that carry containers");
            }
            return Finding.pass("Engine " + info.serverVersion().raw() + " supports mode kv");
        }
        return Finding.pass("Engine " + info.serverVersion().raw() + " supports mode swarm");
    }
}
