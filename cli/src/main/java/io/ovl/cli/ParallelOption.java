package io.ovl.cli;

import io.ovl.hosts.ParallelHosts;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --parallel N}, shared by every command that works on many hosts at once. A number below 1
 * is a usage error (exit 2) here, where the user typed it, not an internal error from the pool.
 */
public final class ParallelOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private int parallel = ParallelHosts.DEFAULT_PARALLELISM;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + ParallelHosts.DEFAULT_PARALLELISM,
            description = "Hosts handled at once, 1 or more (default: ${DEFAULT-VALUE}).")
    void parallel(int n) {
        if (n < 1) {
            throw new ParameterException(mixee.commandLine(), "--parallel must be at least 1, got " + n);
        }
        parallel = n;
    }

    public int value() {
        return parallel;
    }
}
