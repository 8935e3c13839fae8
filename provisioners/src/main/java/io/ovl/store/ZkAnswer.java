package io.ovl.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ZooKeeper's answers to the four-letter words {@code mntr} ("key TAB value" lines) and {@code srvr}
 * ("Key: value" lines), both in the whitelist of ovl's template (ZOO_4LW_COMMANDS_WHITELIST). Pure.
 * A server that has not joined a quorum says "This ZooKeeper instance is not currently serving requests".
 */
public final class ZkAnswer {
    private ZkAnswer() {
    }

    /** mntr's keys and values; empty for an answer that is no mntr output. */
    static Map<String, String> mntr(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        text.lines().forEach(l -> {
            int tab = l.indexOf('\t');
            if (l.startsWith("zk_") && tab > 0) {
                out.put(l.substring(0, tab), l.substring(tab + 1).strip());
            }
        });
        return out;
    }

    /** A member's status from its mntr answer, else from its srvr answer ({@code srvrText} may be empty). */
    public static MemberStatus status(String host, String endpoint, String mntrText, String srvrText) {
        Map<String, String> m = mntr(mntrText);
        if (m.containsKey("zk_server_state")) {
            String role = m.get("zk_server_state");
            Optional<Long> size = number(m.get("zk_approximate_data_size"));
            String detail = "zk_znode_count " + m.getOrDefault("zk_znode_count", "?")
                    + (m.containsKey("zk_synced_followers") ? ", synced followers " + m.get("zk_synced_followers") : "");
            return new MemberStatus(host, endpoint, true, role, version(m.get("zk_version")), size, detail);
        }
        Optional<String> mode = srvrText.lines().filter(l -> l.startsWith("Mode:")).findFirst()
                .map(l -> l.substring(5).strip());
        if (mode.isPresent()) {
            Optional<String> version = srvrText.lines().filter(l -> l.startsWith("Zookeeper version:")).findFirst()
                    .flatMap(l -> version(l.substring("Zookeeper version:".length())));
            String nodes = srvrText.lines().filter(l -> l.startsWith("Node count:")).findFirst()
                    .map(l -> l.substring(11).strip()).orElse("?");
            return new MemberStatus(host, endpoint, true, mode.get(), version, Optional.empty(),
                    "node count " + nodes + " (srvr; mntr said: " + firstLine(mntrText) + ")");
        }
        String said = firstLine(mntrText.isBlank() ? srvrText : mntrText);
        return MemberStatus.unanswered(host, endpoint, said.isEmpty() ? "no answer (connection closed)" : said);
    }

    /** "3.8.0" out of "3.8.0-5a02a05eddb59aee6ac762f7ea82e92a68eb9c0f, built on ..." */
    private static Optional<String> version(String v) {
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        String s = v.strip();
        int cut = s.indexOf('-');
        int comma = s.indexOf(',');
        int end = cut > 0 ? cut : comma > 0 ? comma : s.length();
        return Optional.of(s.substring(0, end));
    }

    private static Optional<Long> number(String v) {
        try {
            return v == null ? Optional.empty() : Optional.of(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
