package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.Console;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sudo passwords of one run ({@code become-password-env}), looked up once per variable: from
 * the environment variable the topology names, or, when it is not set and ovl runs on a terminal,
 * asked there once. Hosts that name the same variable share the answer, so a run asks at most once
 * per variable, whatever the number of hosts. Passwords never come from the command line or the
 * topology file.
 */
public final class BecomePasswords {

    /** Asks for the password of {@code variable} on a terminal; empty when there is none. */
    @FunctionalInterface
    public interface Prompt {
        Optional<char[]> ask(String variable, String host);

        /** {@link System#console()}, without echo; empty without a terminal (CI, pipes). */
        static Prompt console() {
            return (variable, host) -> {
                Console console = System.console();
                if (console == null) {
                    return Optional.empty();
                }
                return Optional.ofNullable(console.readPassword("Password for sudo (%s is not set; asked once for"
                        + " every host that names it, first %s): ", variable, host));
            };
        }

        /** Never asks. */
        static Prompt none() {
            return (variable, host) -> Optional.empty();
        }
    }

    private final Function<String, String> environment;
    private final Prompt prompt;
    private final Map<String, Secret> known = new HashMap<>();

    public BecomePasswords(Function<String, String> environment, Prompt prompt) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** The process's environment, and the terminal when a variable is not set. */
    public static BecomePasswords fromSystem() {
        return new BecomePasswords(System::getenv, Prompt.console());
    }

    /** Only these variables, never a prompt: for tests. */
    public static BecomePasswords of(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new BecomePasswords(copy::get, Prompt.none());
    }

    /**
     * The password held by {@code variable}, for {@code host} (named in the error).
     *
     * @throws OvlException (usage) when the variable is not set and there is no terminal to ask on,
     *     or its value cannot be a sudo password; the message never holds the value
     */
    public synchronized Secret get(String variable, String host) {
        Secret s = known.get(variable);
        if (s != null) {
            return s;
        }
        String value = environment.apply(variable);
        if (value != null && !value.isEmpty()) {
            s = secret(value.toCharArray(), variable, host);
        } else {
            Optional<char[]> typed = prompt.ask(variable, host);
            if (typed.isEmpty()) {
                throw new OvlException(ExitCode.USAGE, "host " + host + ": become-password-env names " + variable
                        + ", which is not set, and there is no terminal to ask on; export " + variable
                        + " with the sudo password (never put it in the topology file or on the command line)");
            }
            char[] chars = typed.get();
            try {
                s = secret(chars, "the terminal (for " + variable + ")", host);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        known.put(variable, s);
        return s;
    }

    /** Variables answered so far (for tests: a run asks once per variable). */
    public synchronized List<String> answered() {
        return List.copyOf(known.keySet());
    }

    private static Secret secret(char[] chars, String source, String host) {
        try {
            return Secret.of(chars, source);
        } catch (IllegalArgumentException e) {
            throw new OvlException(ExitCode.USAGE, "host " + host + ": " + e.getMessage());
        }
    }
}
