package io.ovl.topology.load;

/** A 1-based line and column in the topology file. */
public record Position(int line, int column) {
    public static final Position START = new Position(1, 1);
}
