package io.ovl.cli;

import io.ovl.core.ExitCode;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
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
        subcommands = {
            ValidateCommand.class,
            NetCommand.class,
            CompletionCommand.class,
            DoctorCommand.class,
            InitCommand.class,
            ResetCommand.class,
            MigrateCommand.class,
            io.ovl.cli.shell.ShellCommand.class,
            CommandLine.HelpCommand.class
        })
public final class OvlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    // Inherited by every subcommand; ErrorHandlers looks for it to decide on stack traces.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print more detail, and the stack trace of an unexpected error.")
    boolean verbose;

    private final CliEnvironment environment;

    public OvlCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        // `ovl` alone teaches rather than fails silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The fully wired command line for the real process. */
    public static CommandLine newCommandLine() {
        return newCommandLine(CliEnvironment.system());
    }

    /** The fully wired command line: handlers, exit codes, converters, help footer. */
    public static CommandLine newCommandLine(CliEnvironment environment) {
        CommandLine cl = new CommandLine(new OvlCommand(environment));
        Converters.register(cl);
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n");
        cl.getCommandSpec().usageMessage().footer(exitCodeTable());
        cl.setExitCodeExceptionMapper(ErrorHandlers::exitCodeOf);
        cl.setExecutionExceptionHandler(new ErrorHandlers.Execution());
        cl.setParameterExceptionHandler(new ErrorHandlers.Parameters());
        return cl;
    }

    /** The environment the root command was built with; any command or mixin reaches it through its spec. */
    public static CliEnvironment environmentOf(CommandSpec spec) {
        return spec.root().userObject() instanceof OvlCommand root ? root.environment : CliEnvironment.system();
    }

    static String[] exitCodeTable() {
        return Arrays.stream(ExitCode.values())
                .map(c -> String.format("  %3d  %s", c.code(), c.meaning()))
                .collect(Collectors.toList())
                .toArray(String[]::new);
    }
}
