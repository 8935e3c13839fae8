package io.ovl.draft;

import io.ovl.addressing.Prefix;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Mode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A topology drafted from the hosts' facts, each choice with the reason for it: what
 * {@link DraftRenderer} writes as YAML with comments. Comment texts are single lines without the
 * leading {@code #}; those the operator should check start with {@code REVIEW:}.
 *
 * @param modeWhy   why this mode
 * @param store     kv mode: the store ovl runs (on the first host)
 * @param network   the example network, empty when no free subnet was found
 * @param review    what to check before {@code ovl init}, for the whole file
 */
public record TopologyDraft(Mode mode, List<String> modeWhy, List<Host> hosts, Optional<Store> store,
                            Optional<Network> network, List<String> review) {
    public TopologyDraft {
        Objects.requireNonNull(mode, "mode");
        modeWhy = List.copyOf(modeWhy);
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(network, "network");
        review = List.copyOf(review);
    }

    /**
     * One host.
     *
     * @param advertise the IPv4 address of the interface that reaches the other hosts, when found
     * @param manager   swarm mode: written as {@code role: manager}
     * @param comments  what it runs and why this advertise address
     */
    public record Host(String name, HostArgument target, Optional<String> advertise, boolean manager,
                       List<String> comments) {
        public Host {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(advertise, "advertise");
            comments = List.copyOf(comments);
        }
    }

    /** The store ovl runs in kv mode: {@code backend} on {@code host}, port {@code port}. */
    public record Store(KvBackend backend, String host, int port, List<String> comments) {
        public Store {
            comments = List.copyOf(comments);
        }
    }

    /** The example overlay network. */
    public record Network(String name, Prefix subnet, OptionalInt mtu, List<String> comments) {
        public Network {
            comments = List.copyOf(comments);
        }
    }
}
