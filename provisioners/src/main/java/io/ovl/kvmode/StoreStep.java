package io.ovl.kvmode;

import io.ovl.render.ContainerSpec;
import java.util.Objects;

/** What init does about the KV store container on one store host. */
public record StoreStep(String host, ContainerSpec spec, Action action) {
    public enum Action {
        /** No container of that name: create it from the spec and start it. */
        CREATE,
        /** The container is there as specified but stopped: start it. */
        START,
        /** The container runs as specified. */
        NONE
    }

    public StoreStep {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(action, "action");
    }
}
