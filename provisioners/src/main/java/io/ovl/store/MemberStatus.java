package io.ovl.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One store member as its store reports it.
 *
 * @param role     "leader", "follower", "standalone" (ZooKeeper alone), or "unknown" when it did not answer
 * @param version  the store's version as it reports it
 * @param sizeBytes the member's data size: etcd's backend database (dbSize), ZooKeeper's approximate data
 *                 size; empty where the store does not tell (Consul)
 * @param detail   what it said, or why it did not answer
 */
public record MemberStatus(String host, String endpoint, boolean healthy, String role, Optional<String> version,
                           Optional<Long> sizeBytes, String detail) {
    public MemberStatus {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sizeBytes, "sizeBytes");
        Objects.requireNonNull(detail, "detail");
    }

    public static MemberStatus unanswered(String host, String endpoint, String why) {
        return new MemberStatus(host, endpoint, false, "unknown", Optional.empty(), Optional.empty(), why);
    }

    public boolean leader() {
        return role.equals("leader") || role.equals("standalone");
    }
}
