package io.ovl.cli;

import io.ovl.topology.TopologyLocator;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -f FILE}: which topology file to use, with $OVL_TOPOLOGY and ./topology.yaml as fallbacks. */
public final class TopologyOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Default: $OVL_TOPOLOGY, then ./topology.yaml.")
    Path file;

    /** The file to read; an OvlException (exit 2) saying what was tried when there is none. */
    Path locate() {
        CliEnvironment env = OvlCommand.environmentOf(mixee);
        return TopologyLocator.locate(Optional.ofNullable(file), env.env(), env.workingDir());
    }
}
