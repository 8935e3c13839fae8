package io.ovl.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The build's training run for the bundled runtime's ahead-of-time cache (JDK 25,
 * {@code -XX:AOTCacheOutput}): runs representative commands in one JVM, as {@link Main} would, so
 * that the classes they load (picocli, the commands, Jackson, SnakeYAML, the topology rules, and
 * sshj's configuration with Bouncy Castle) are loaded, linked and stored in the cache. Never run by users; output goes nowhere.
 *
 * <p>{@code java -cp ... io.ovl.cli.AotTraining EXAMPLE.yaml}
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: AotTraining TOPOLOGY.yaml");
        }
        String example = Path.of(args[0]).toString();
        List<String[]> commands = List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {"validate", "-f", example},
                new String[] {"validate", "-f", example, "--output", "json"},
                new String[] {"validate", "--help"},
                new String[] {"doctor", "--help"},
                new String[] {"init", "--help"},
                new String[] {"net", "--help"},
                new String[] {"no-such-command"});
        // What every host-touching command does first (SshConnector): sshj's configuration, which
        // registers Bouncy Castle as a security provider and so loads hundreds of its classes.
        new net.schmizz.sshj.DefaultConfig();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        int failed = 0;
        try {
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String[] command : commands) {
                int code = Main.versionOnly(command) ? Main.printVersion(System.out)
                        : Main.run(command);
                // The unknown command is there for picocli's error path: exit 2 is its success.
                boolean expected = command[0].equals("no-such-command") ? code == 2 : code == 0;
                if (!expected) {
                    failed++;
                    err.println("training: ovl " + String.join(" ", command) + " exited " + code);
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
