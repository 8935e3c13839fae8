package io.ovl.topology;

/** How privileged commands run on a host. */
public enum Become implements Keyed {
    /** The SSH user is root (or has what it needs). */
    NONE("none"),
    /** Prefix privileged commands with {@code sudo -n} (non-interactive: no password prompt). */
    SUDO("sudo");

    private final String key;

    Become(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
