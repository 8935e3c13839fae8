package io.ovl.change;

/** Live progress of init and reset, one line per step per host; the CLI decides how to show it. */
@FunctionalInterface
public interface ChangeProgress {
    ChangeProgress NONE = (host, message) -> { };

    void step(String host, String message);
}
