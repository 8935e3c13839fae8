package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Set;

/**
 * A store ovl runs has 1, 3 or 5 members (a quorum needs an odd number; more than 5 only slows
 * writes), or it is an external url; never both, never neither.
 */
public final class KvStoreSize implements TopologyRule {
    private static final Set<Integer> SIZES = Set.of(1, 3, 5);

    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty()) {
            return List.of();
        }
        KvStore kv = t.kvStore().get();
        int n = kv.hosts().size();
        if (kv.isExternal() && n > 0) {
            return List.of(Finding.error("kv-store.url", "kv-store has both hosts and url",
                    "keep 'hosts' for a store ovl runs, or 'url' for an existing one"));
        }
        if (!kv.isExternal() && n == 0) {
            return List.of(Finding.error("kv-store", "kv-store needs hosts or url",
                    "add 'hosts: [kv1]' (1, 3 or 5 declared hosts) or 'url: " + kv.backend().scheme() + "://HOST:PORT'"));
        }
        if (!kv.isExternal() && !SIZES.contains(n)) {
            return List.of(Finding.error("kv-store.hosts", "kv-store has " + n + " hosts",
                    "use 1, 3 or 5: a quorum needs an odd number of members"));
        }
        return List.of();
    }
}
