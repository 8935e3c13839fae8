package io.ovl.cli;

import picocli.CommandLine;

/** Entry point of the {@code ovl} launcher. Keep it tiny: start-up time is felt on every call. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(OvlCommand.newCommandLine().execute(args));
    }

    /** For tests and the interactive shell: run without exiting the JVM. */
    public static int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }
}
