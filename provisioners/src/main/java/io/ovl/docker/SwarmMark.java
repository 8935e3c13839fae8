package io.ovl.docker;

import java.util.Map;

/**
 * How ovl recognises a swarm it created: a label on the swarm's spec, set at {@code swarm init}.
 * Reset refuses to break up a swarm without it unless {@code --force}; init adopts one only with
 * {@code --force}.
 */
public final class SwarmMark {
    public static final String LABEL = "io.ovl.managed";
    public static final String VALUE = "true";

    private SwarmMark() {
    }

    static Map<String, String> labels() {
        return Map.of(LABEL, VALUE);
    }
}
