package io.ovl.topology;

public enum SwarmRole implements Keyed {
    MANAGER("manager"),
    WORKER("worker");

    private final String key;

    SwarmRole(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
