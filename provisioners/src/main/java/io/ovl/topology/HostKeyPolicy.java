package io.ovl.topology;

/** What to do with a host key not yet in known_hosts. Strict by default: never trust silently. */
public enum HostKeyPolicy implements Keyed {
    /** Refuse unknown and changed keys. */
    STRICT("strict"),
    /** Record an unknown key on first contact (as OpenSSH's accept-new); still refuse changed keys. */
    ACCEPT_NEW("accept-new");

    private final String key;

    HostKeyPolicy(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
