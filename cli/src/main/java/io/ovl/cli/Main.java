package io.ovl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Entry point of the {@code ovl} launcher. Keep it tiny: start-up time is felt on every call. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (versionOnly(args)) {
            // Scripts call `ovl --version` to check an installation. Building the command tree
            // (picocli reflecting over every command, option and converter) is most of ovl's
            // start-up time and --version needs none of it: answer from the same provider.
            exit(printVersion(System.out));
            return;
        }
        exit(run(args));
    }

    /**
     * Ends the process with {@code code}. Exit 0 with no other thread left that would keep the
     * JVM alive returns from main instead of calling System.exit: on Java 21+, Runtime.exit first
     * looks up a System.Logger ("java.lang.Runtime", to log the exit at debug level), which loads
     * the LoggerFinder service and so opens and searches every jar on the class path: 30 to 70 ms
     * of CPU for ovl's 25 jars, more than the whole of `ovl --version` otherwise.
     */
    static void exit(int code) {
        if (code != 0 || otherNonDaemonThreads()) {
            System.exit(code);
        }
        System.out.flush();
        System.err.flush();
    }

    private static boolean otherNonDaemonThreads() {
        Thread self = Thread.currentThread();
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i] != self && !threads[i].isDaemon() && threads[i].isAlive()) {
                return true;
            }
        }
        // Full array: there may be more threads than seen; exit as before.
        return n >= threads.length;
    }

    /**
     * Runs one command line without exiting the JVM; its exit code. No picocli type in any of
     * Main's signatures: the Java launcher reflects over Main's methods to find main, which loads
     * every class they name, and `ovl --version` needs nothing of picocli.
     */
    static int run(String... args) {
        return OvlCommand.newCommandLineFor(CliEnvironment.system(), args).execute(args);
    }

    /** True for exactly {@code ovl --version} or {@code ovl -V}; anything more goes through picocli. */
    static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** What picocli prints for --version (VersionProvider); exit code 0. */
    static int printVersion(PrintStream out) {
        try {
            // Two prints, not "ovl " + version(): string concatenation is an invokedynamic
            // call site, whose method handles the JVM would spin at run time for this one line.
            out.print("ovl ");
            out.println(version());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ovl's version.properties", e);
        }
        out.flush();
        return 0;
    }

    /**
     * ovl's version: from the jar's manifest (Implementation-Version, cli/pom.xml), which the JVM
     * has read already to define this package, so no resource lookup and no jar: URL machinery at
     * start-up; from classes outside a jar (tests, IDEs), version.properties. Here rather than in
     * VersionProvider, whose picocli interface `ovl --version` would otherwise load.
     */
    static String version() throws IOException {
        String fromManifest = Main.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
