package io.ovl.core;

import java.util.Objects;

/** Where a {@link Finding} is: a place in a file, a host, the path between two hosts, or no one place. */
public sealed interface Location {
    /** No one place: the whole topology or cluster, or a finding not yet tied to a place. */
    Location NONE = new None();

    /** A place in a file, 1-based, as editors count: {@code topology.yaml:12:5}. */
    record InFile(String file, int line, int column) implements Location {
        public InFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** One host, by its topology name. */
    record OnHost(String host) implements Location {
        public OnHost {
            Objects.requireNonNull(host, "host");
        }
    }

    /** The path from one host to another (a port probe, a ping between two containers). */
    record BetweenHosts(String from, String to) implements Location {
        public BetweenHosts {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** See {@link #NONE}. */
    record None() implements Location {
    }
}
