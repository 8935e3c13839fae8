package io.ovl.store;

import io.ovl.topology.KvBackend;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ovl store status} found: every member of the topology's store, in its order.
 *
 * @param askedOn the host whose store container answered for the cluster (etcd, Consul); empty when
 *                each member was asked from its own host (ZooKeeper) or none answered
 * @param notes   what else the store said that the operator should know (a member the topology does
 *                not name)
 */
public record StoreStatus(KvBackend backend, List<MemberStatus> members, Optional<String> askedOn, List<String> notes) {
    public StoreStatus {
        members = List.copyOf(members);
        notes = List.copyOf(notes);
    }

    /** The leader's host, when exactly one member says it leads. */
    public Optional<String> leader() {
        List<MemberStatus> leaders = members.stream().filter(MemberStatus::leader).toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0).host()) : Optional.empty();
    }

    /** Every member healthy and one leader. */
    public boolean healthy() {
        return members.stream().allMatch(MemberStatus::healthy) && leader().isPresent();
    }
}
