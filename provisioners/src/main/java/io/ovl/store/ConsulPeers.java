package io.ovl.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code consul operator raft list-peers} prints (columns Node, ID, Address, State, Voter,
 * RaftProtocol), as Consul's documentation shows it. Pure. Never run against a real Consul here
 * (no Consul binary or image on this machine): the unit test's answer is written from that
 * documentation, not captured.
 */
public final class ConsulPeers {
    private ConsulPeers() {
    }

    /** One row of the table. */
    record Peer(String node, String address, String state, boolean voter) {
    }

    static List<Peer> parse(String table) {
        List<Peer> out = new ArrayList<>();
        List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).strip().startsWith("Node")) {
            return out;
        }
        for (String l : lines.subList(1, lines.size())) {
            String[] w = l.strip().split("\\s+");
            if (w.length >= 5) {
                out.add(new Peer(w[0], w[2], w[3], w[4].equals("true")));
            }
        }
        return out;
    }

    /** Each topology member: healthy when it is a voter in the peer list and some peer leads. */
    public static List<MemberStatus> combine(StoreLayout layout, String table, String why) {
        List<Peer> peers = parse(table);
        boolean led = peers.stream().anyMatch(p -> p.state().equals("leader"));
        List<MemberStatus> out = new ArrayList<>();
        for (StoreLayout.Member m : layout.members()) {
            Optional<Peer> p = peers.stream().filter(x -> x.address().startsWith(m.address() + ":")).findFirst();
            out.add(p.map(x -> new MemberStatus(m.host(), m.endpoint(), x.voter() && led, x.state(), Optional.empty(),
                            Optional.<Long>empty(), "raft peer " + x.node() + (x.voter() ? ", voter" : ", not a voter")
                                    + (led ? "" : "; no leader")))
                    .orElseGet(() -> MemberStatus.unanswered(m.host(), m.endpoint(), peers.isEmpty() ? why
                            : "not in the raft peer list")));
        }
        return out;
    }
}
