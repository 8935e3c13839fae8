package io.ovl.docker;

import java.util.Locale;

/** {@code Swarm.LocalNodeState} of {@code GET /info}: where this engine stands towards a swarm. */
public enum LocalState {
    INACTIVE, PENDING, ACTIVE, ERROR, LOCKED;

    /** "" (older engines before the first swarm call) counts as inactive. */
    static LocalState parse(String value) {
        if (value == null || value.isBlank()) {
            return INACTIVE;
        }
        return LocalState.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
