package io.ovl.topology;

/** How the overlay's control plane is built. */
public enum Mode implements Keyed {
    /** An external key-value store, dockerd started with --cluster-store/--cluster-advertise. */
    KV("kv"),
    /** Docker swarm mode: managers keep the network state, no external store. */
    SWARM("swarm");

    private final String key;

    Mode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
