package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.ssh.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
        })
public final class OvlCommand implements Runnable {
    /**
     * The subcommands, in the order {@code ovl --help} lists them. Added in code rather than in
     * {@code @Command(subcommands)} so that a run of one command builds only that command's part
     * of the tree (see {@link #newCommandLineFor}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class,
            NetCommand.class,
            CompletionCommand.class,
            DoctorCommand.class,
            InitCommand.class,
            ResetCommand.class,
            MigrateCommand.class,
            NewCommand.class,
            StoreCommand.class,
            io.ovl.cli.shell.ShellCommand.class,
            CommandLine.HelpCommand.class);

    /** Subcommands that read the whole tree: completion scripts list every command, help shows any. */
    private static final Set<Class<?>> WHOLE_TREE = Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    // Inherited by every subcommand; ErrorHandlers looks for it to decide on stack traces.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print more detail, and the stack trace of an unexpected error.")
    boolean verbose;

    // Inherited too, read from the parse result by RunLogging (which writes the log).
    @Option(names = RunLogging.LOG_FILE, paramLabel = "PATH", scope = ScopeType.INHERIT, description = {
        "Write this run's log to PATH (appended to): per host",
        "every remote command with its exit status and",
        "duration, Docker API requests (method, path,",
        "status), the command line, topology file, start,",
        "end and exit code; secrets redacted. init, reset,",
        "migrate, net create, net rm and net verify write",
        "one anyway, in $XDG_STATE_HOME/ovl/logs (else",
        "~/.local/state/ovl/logs; the newest 50, none older",
        "than 30 days, are kept); other commands only with",
        "this option. A run that fails prints the log's path."})
    Path logFile;

    @Option(names = RunLogging.NO_LOG, scope = ScopeType.INHERIT,
            description = "Write no run log, not even for init, reset, ...")
    boolean noLog;

    private final CliEnvironment environment;

    /** What the running command hands over for --output json; reset at the start of every run. */
    final JsonReply reply = new JsonReply();

    /** The running command's log (set by {@link RunLogging} for the run), or null for none. */
    RunLog runLog;

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

    /** The fully wired command line: every command, handlers, exit codes, converters, help footer. */
    public static CommandLine newCommandLine(CliEnvironment environment) {
        return wire(environment, SUBCOMMANDS);
    }

    /**
     * The command line for running {@code args} once: when the first argument names a subcommand,
     * the tree holds only that one (with its own subcommands), because picocli reflects over every
     * command, option and converter it is given, which was most of {@code ovl validate}'s start-up.
     * The root's options and handlers are the same, so that command parses, runs, fails and prints
     * its help exactly as in the whole tree. Anything else (no arguments, a root option first, an
     * unknown or mistyped command, help, completion) gets the whole tree.
     */
    public static CommandLine newCommandLineFor(CliEnvironment environment, String... args) {
        if (args.length > 0) {
            for (Class<?> sub : SUBCOMMANDS) {
                if (!WHOLE_TREE.contains(sub) && sub.getAnnotation(Command.class).name().equals(args[0])) {
                    return wire(environment, List.of(sub));
                }
            }
        }
        return newCommandLine(environment);
    }

    private static CommandLine wire(CliEnvironment environment, List<Class<?>> subcommands) {
        CommandLine cl = new Guarded(new OvlCommand(environment));
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        // After the subcommands, which picocli gives the root's writers: from here on every
        // writer of the tree is guarded, including picocli's default System.out/System.err.
        cl.setOut(cl.getOut());
        cl.setErr(cl.getErr());
        // picocli's tracer prints its warnings ("Unbalanced quotes in <the argument>") straight to
        // the System.err it saw at start-up, past the guard: off unless asked for with -Dpicocli.trace.
        if (System.getProperty("picocli.trace") == null) {
            CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        }
        cl.setColorScheme(helpColours(environment.colour()));
        // After the subcommands: picocli registers a converter with the subcommands present then.
        Converters.register(cl);
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n");
        cl.getCommandSpec().usageMessage().footer(exitCodeTable());
        cl.setExitCodeExceptionMapper(ErrorHandlers::exitCodeOf);
        cl.setExecutionExceptionHandler(new ErrorHandlers.Execution());
        cl.setParameterExceptionHandler(new ErrorHandlers.Parameters());
        cl.setExecutionStrategy(RunLogging::execute);
        return cl;
    }

    /**
     * picocli's usual help colours (commands bold, options yellow, option parameters italic),
     * on a terminal without NO_COLOR only, and as markers that EscapingWriter turns into ESC
     * sequences: picocli's own styles are raw ESC sequences, which the writer would show escaped.
     */
    static CommandLine.Help.ColorScheme helpColours(boolean colour) {
        if (!colour) {
            return CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF);
        }
        EscapingWriter.Sgr off = EscapingWriter.Sgr.DEFAULT_COLOUR;
        return new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.ON)
                .commands(style(EscapingWriter.Sgr.BOLD, EscapingWriter.Sgr.NOT_BOLD))
                .options(style(EscapingWriter.Sgr.YELLOW, off))
                .parameters(style(EscapingWriter.Sgr.YELLOW, off))
                .optionParams(style(EscapingWriter.Sgr.ITALIC, EscapingWriter.Sgr.NOT_ITALIC))
                .errors(style(EscapingWriter.Sgr.RED, off))
                .stackTraces(style(EscapingWriter.Sgr.ITALIC, EscapingWriter.Sgr.NOT_ITALIC))
                // picocli ends each styled text with the "reset" of this map (raw ESC[0m without one).
                .customMarkupMap(java.util.Map.of("reset", style(EscapingWriter.Sgr.RESET, EscapingWriter.Sgr.RESET)))
                .build();
    }

    private static CommandLine.Help.Ansi.IStyle style(EscapingWriter.Sgr on, EscapingWriter.Sgr off) {
        return new CommandLine.Help.Ansi.IStyle() {
            @Override
            public String on() {
                return on.marker();
            }

            @Override
            public String off() {
                return off.marker();
            }
        };
    }

    /**
     * The root command line: any writer given to it (the terminal, the shell's, a test's) is
     * wrapped in an {@link EscapingWriter}, which it passes on to every subcommand, so no
     * command can print a raw control character from a file, a host or an argument.
     */
    private static final class Guarded extends CommandLine {
        Guarded(Object command) {
            super(command);
        }

        @Override
        public CommandLine setOut(java.io.PrintWriter out) {
            return super.setOut(EscapingWriter.guard(out));
        }

        @Override
        public CommandLine setErr(java.io.PrintWriter err) {
            return super.setErr(EscapingWriter.guard(err));
        }
    }

    /** The environment the root command was built with; any command or mixin reaches it through its spec. */
    public static CliEnvironment environmentOf(CommandSpec spec) {
        return spec.root().userObject() instanceof OvlCommand root ? root.environment : CliEnvironment.system();
    }

    /** Where the running command's host sessions report ({@link RunLog#NONE} when it keeps no log). */
    static RunLog runLogOf(CommandSpec spec) {
        return spec.root().userObject() instanceof OvlCommand root && root.runLog != null ? root.runLog : RunLog.NONE;
    }

    /**
     * Built on every run (picocli's usage message is configured when the tree is wired). Not with
     * String.format: its first %d looks up the locale's digits, and the JDK's locale providers
     * are found by a service lookup that opens every jar on the class path (tens of ms).
     */
    static String[] exitCodeTable() {
        ExitCode[] codes = ExitCode.values();
        String[] lines = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            String code = String.valueOf(codes[i].code());
            lines[i] = "  " + " ".repeat(Math.max(0, 3 - code.length())) + code + "  " + codes[i].meaning();
        }
        return lines;
    }
}
