package io.ovl.cli;

import io.ovl.core.ExitCode;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code ovl} command: global flags, the exit-code table and the subcommand list. */
@Command(
        name = "ovl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Turn plain Linux machines running Docker into one multi-host Docker network.",
            "",
            "Write a topology file (hosts, SSH access, key-value store, overlay networks),",
            "then: ovl validate, ovl doctor, ovl init, ovl net verify."
        },
        subcommands = {CommandLine.HelpCommand.class, DoctorCommand.class})
public final class OvlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // `ovl` alone teaches rather than fails silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The fully wired command line: handlers, exit codes, help footer. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new OvlCommand());
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n");
        cl.getCommandSpec().usageMessage().footer(exitCodeTable());
        cl.setExitCodeExceptionMapper(ErrorHandlers::exitCodeOf);
        cl.setExecutionExceptionHandler(new ErrorHandlers.Execution());
        cl.setParameterExceptionHandler(new ErrorHandlers.Parameters());
        return cl;
    }

    static String[] exitCodeTable() {
        return Arrays.stream(ExitCode.values())
                .map(c -> String.format("  %3d  %s", c.code(), c.meaning()))
                .collect(Collectors.toList())
                .toArray(String[]::new);
    }
}
