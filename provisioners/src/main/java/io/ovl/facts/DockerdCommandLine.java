package io.ovl.facts;

import java.util.Arrays;
import java.util.List;

/** A running dockerd's command line, read from /proc/PID/cmdline with its NULs turned into newlines. */
public final class DockerdCommandLine {
    private DockerdCommandLine() {
    }

    /**
     * @return the arguments after the program
     * @throws UnparseableOutputException when the first word is not dockerd
     */
    public static List<String> parseArgs(String newlineSeparated) {
        List<String> argv = Arrays.stream(newlineSeparated.split("\n", -1)).toList();
        // the final NUL leaves one empty last element
        if (!argv.isEmpty() && argv.get(argv.size() - 1).isEmpty()) {
            argv = argv.subList(0, argv.size() - 1);
        }
        if (argv.isEmpty() || !argv.get(0).endsWith("dockerd")) {
            throw new UnparseableOutputException("/proc/PID/cmdline of dockerd: expected dockerd first, got " + argv);
        }
        return List.copyOf(argv.subList(1, argv.size()));
    }
}
