package io.ovl.provision;

/** Live progress of init and reset, one line per step per host; the CLI decides how to show it. */
@FunctionalInterface
public interface ProvisionProgress {
    ProvisionProgress NONE = (host, message) -> { };

    void step(String host, String message);
}
