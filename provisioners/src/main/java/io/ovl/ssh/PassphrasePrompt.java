package io.ovl.ssh;

import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks for the passphrase of a private key file. Empty means "cannot ask" (no terminal); the
 * authentication error then names the key file and how to get by without a terminal.
 */
@FunctionalInterface
public interface PassphrasePrompt {

    Optional<char[]> ask(Path keyFile);

    /** Asks on the terminal via {@link System#console()}; empty when ovl runs without one (CI, pipes). */
    static PassphrasePrompt console() {
        return keyFile -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            // Console methods synchronise internally, so parallel hosts ask one at a time.
            return Optional.ofNullable(console.readPassword("Enter passphrase for key '%s': ", keyFile));
        };
    }

    /** Never asks: for tests and for runs that must not block on a prompt. */
    static PassphrasePrompt none() {
        return keyFile -> Optional.empty();
    }
}
