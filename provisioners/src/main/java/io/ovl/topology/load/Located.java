package io.ovl.topology.load;

import io.ovl.core.Finding;

/** A finding tied to the place in the file it is about. */
public record Located(Finding finding, Position position) {
}
