package io.ovl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads etcdctl's {@code endpoint status -w json}, {@code endpoint health -w json} and {@code member
 * list -w json} (etcd 3.4) into one {@link MemberStatus} per topology member. Pure; tested against
 * output captured on the lab (test resources io/ovl/store/etcd-3.4-*.json).
 *
 * <p>Member IDs are unsigned 64-bit numbers in that JSON (often above Long.MAX_VALUE); they are
 * compared as {@link BigInteger}s and shown in hex, as etcdctl's table shows them. An endpoint
 * that does not answer is missing from {@code endpoint status} (etcdctl says so on stderr and
 * exits 1) and is {@code "health": false} with an error in {@code endpoint health}.
 */
public final class EtcdStatusParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EtcdStatusParser() {
    }

    /** One endpoint's answer to {@code endpoint status}. */
    record Endpoint(String url, BigInteger memberId, BigInteger leaderId, String version, long dbSize, long raftTerm) {
    }

    /** An endpoint's answer to {@code endpoint health}. */
    record Health(boolean healthy, String detail) {
    }

    static List<Endpoint> parseStatus(String json) {
        List<Endpoint> out = new ArrayList<>();
        for (JsonNode e : array(json, "endpoint status")) {
            JsonNode s = e.path("Status");
            out.add(new Endpoint(e.path("Endpoint").asText(""), id(s.path("header").path("member_id")),
                    id(s.path("leader")), s.path("version").asText(""), s.path("dbSize").asLong(-1),
                    s.path("raftTerm").asLong(s.path("header").path("raft_term").asLong(-1))));
        }
        return out;
    }

    static Map<String, Health> parseHealth(String json) {
        Map<String, Health> out = new HashMap<>();
        for (JsonNode e : array(json, "endpoint health")) {
            boolean ok = e.path("health").asBoolean(false);
            out.put(e.path("endpoint").asText(""), new Health(ok, ok ? "healthy, took " + e.path("took").asText("?")
                    : e.path("error").asText("unhealthy")));
        }
        return out;
    }

    /** Member ID to name, from {@code member list -w json}. */
    static Map<BigInteger, String> parseMembers(String json) {
        JsonNode root = tree(json, "member list");
        Map<BigInteger, String> out = new HashMap<>();
        for (JsonNode m : root.path("members")) {
            out.put(id(m.path("ID")), m.path("name").asText(""));
        }
        return out;
    }

    /**
     * Every member of {@code layout}, by its client URL: healthy when {@code endpoint health} says so
     * and {@code endpoint status} answered; its role from the leader ID the answers agree on.
     *
     * @param statusJson stdout of endpoint status (may hold fewer endpoints than asked, or be empty)
     * @param healthJson stdout of endpoint health (may be empty)
     * @param why        what to say for a member missing from both (etcdctl's stderr, first line)
     */
    public static List<MemberStatus> combine(StoreLayout layout, String statusJson, String healthJson, String why) {
        List<Endpoint> status = statusJson.isBlank() ? List.of() : parseStatus(statusJson);
        Map<String, Health> health = healthJson.isBlank() ? Map.of() : parseHealth(healthJson);
        Optional<BigInteger> leader = status.stream().map(Endpoint::leaderId).filter(l -> l.signum() > 0)
                .reduce((a, b) -> a.equals(b) ? a : BigInteger.ZERO).filter(l -> l.signum() > 0);
        List<MemberStatus> out = new ArrayList<>();
        for (StoreLayout.Member m : layout.members()) {
            String url = layout.clientScheme() + "://" + m.endpoint();
            Optional<Endpoint> s = status.stream().filter(e -> e.url().equals(url)).findFirst();
            Optional<Health> h = Optional.ofNullable(health.get(url));
            if (s.isEmpty()) {
                out.add(MemberStatus.unanswered(m.host(), m.endpoint(), h.map(Health::detail).orElse(why)));
                continue;
            }
            Endpoint e = s.get();
            String role = leader.isEmpty() ? "no leader" : leader.get().equals(e.memberId()) ? "leader" : "follower";
            boolean healthy = h.map(Health::healthy).orElse(false) && leader.isPresent();
            out.add(new MemberStatus(m.host(), m.endpoint(), healthy, role, Optional.of(e.version()).filter(v -> !v.isEmpty()),
                    e.dbSize() < 0 ? Optional.empty() : Optional.of(e.dbSize()),
                    "member " + e.memberId().toString(16) + ", raft term " + e.raftTerm() + ", "
                            + h.map(Health::detail).orElse("health not reported")));
        }
        return out;
    }

    private static BigInteger id(JsonNode n) {
        if (n.isNumber()) {
            return n.bigIntegerValue();
        }
        try {
            return new BigInteger(n.asText("0"));
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }

    private static JsonNode array(String json, String what) {
        JsonNode root = tree(json, what);
        if (!root.isArray()) {
            throw new UnparseableOutputException("output of `etcdctl " + what + " -w json`: expected a JSON array");
        }
        return root;
    }

    private static JsonNode tree(String json, String what) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null) {
                throw new UnparseableOutputException("output of `etcdctl " + what + " -w json`: empty");
            }
            return root;
        } catch (IOException e) {
            throw new UnparseableOutputException("output of `etcdctl " + what + " -w json`: not JSON: "
                    + e.getMessage(), e);
        }
    }
}
