package io.ovl.doctor.checks;

import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.SwarmNodeRow;
import io.ovl.facts.DockerInfo;
import java.util.List;
import java.util.Optional;

/** What the swarm checks read across hosts: who is in a swarm, and a manager's node list. */
final class SwarmNodes {
    private SwarmNodes() {
    }

    /** Overlay hosts whose engine says it is an active swarm node. */
    static List<String> activeHosts(DoctorContext context) {
        return context.reachedHosts().stream().filter(h -> h.host().overlay())
                .filter(h -> h.facts().dockerInfo().value().map(DockerInfo::swarmState).map("active"::equals).orElse(false))
                .map(GatheredHost::name).toList();
    }

    /** The first manager's node list (topology order), empty when no host answered {@code docker node ls}. */
    static Optional<List<SwarmNodeRow>> nodes(DoctorContext context) {
        return context.reachedHosts().stream().filter(h -> h.host().overlay())
                .map(h -> h.facts().swarmNodes().value()).flatMap(Optional::stream).findFirst();
    }

    static Optional<SwarmNodeRow> row(DoctorContext context, String hostname) {
        return nodes(context).flatMap(rows -> rows.stream().filter(r -> r.hostname().equals(hostname)).findFirst());
    }
}
