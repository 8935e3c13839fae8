package io.ovl.topology;

/** How privileged commands run on a host. */
public enum Become implements Keyed {
    /** The SSH user is root (or has what it needs). */
    NONE("none"),
    /**
     * Privileged commands run through sudo: {@code sudo -n} (no password), or, with
     * {@code become-password-env}, {@code sudo -S} given the password once per shell.
     */
    SUDO("sudo"),
    /** Through OpenBSD's doas, {@code doas -n}: a {@code permit nopass} rule is needed (doas reads passwords from a terminal only). */
    DOAS("doas");

    private final String key;

    Become(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
