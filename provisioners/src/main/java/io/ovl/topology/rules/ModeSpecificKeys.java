package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * kv mode needs a kv-store (error without one). Keys that only mean something in the other mode
 * are warnings, not errors: ovl can ignore them safely, but the user probably meant something.
 */
public final class ModeSpecificKeys implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        if (t.mode() == Mode.KV) {
            if (t.kvStore().isEmpty()) {
                out.add(Finding.error("kv-store", "mode kv needs a kv-store",
                        "add 'kv-store:' with 'hosts: [...]' that run it or the 'url:' of an existing store"));
            }
            if (t.swarm().isPresent()) {
                out.add(Finding.warning("swarm", "ignored in mode kv", "remove it, or set 'mode: swarm'"));
            }
        } else if (t.kvStore().isPresent()) {
            out.add(Finding.warning("kv-store", "ignored in mode swarm (swarm managers keep the network state)",
                    "remove it, or set 'mode: kv'"));
        }
        for (int i = 0; i < t.hosts().size(); i++) {
            Host h = t.hosts().get(i);
            if (h.role().isEmpty()) {
                continue;
            }
            if (t.mode() != Mode.SWARM) {
                out.add(Finding.warning("hosts[" + i + "].role", "ignored in mode kv", "role is for mode swarm"));
            } else if (!h.overlay()) {
                out.add(Finding.warning("hosts[" + i + "].role", "ignored for a host with 'overlay: false'",
                        "such a host does not join the swarm"));
            }
        }
        return out;
    }
}
