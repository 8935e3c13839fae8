package io.ovl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Entry point of the {@code ovl} launcher. Keep it tiny: start-up time is felt on every call. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (versionOnly(args)) {
            // Scripts call `ovl --version` to check an installation. Building the command tree
            // (picocli reflecting over every command, option and converter) is most of ovl's
            // start-up time and --version needs none of it: answer from the same provider.
            System.exit(printVersion(System.out));
        }
        System.exit(OvlCommand.newCommandLineFor(CliEnvironment.system(), args).execute(args));
    }

    /** For tests and the interactive shell: run without exiting the JVM. */
    public static int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }

    /** True for exactly {@code ovl --version} or {@code ovl -V}; anything more goes through picocli. */
    static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** What picocli prints for --version, one line per provider line; exit code 0. */
    static int printVersion(PrintStream out) {
        try {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ovl's version.properties", e);
        }
        out.flush();
        return 0;
    }
}
