package io.ovl.cli;

import io.ovl.topology.load.Durations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --wait SECONDS}: from 0 up to the longest duration ovl takes anywhere ({@link Durations#MAX}). */
final class WaitSeconds {
    static final long MAX = Durations.MAX.toSeconds();

    private WaitSeconds() {
    }

    static int check(CommandSpec spec, int seconds) {
        if (seconds < 0 || seconds > MAX) {
            throw new ParameterException(spec.commandLine(), "--wait must be from 0 to " + MAX + " seconds ("
                    + Durations.MAX_TEXT + "), got " + seconds);
        }
        return seconds;
    }
}
