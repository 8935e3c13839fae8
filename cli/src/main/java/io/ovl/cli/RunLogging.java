package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.runlog.RunLogFile;
import io.ovl.runlog.RunLogPruning;
import io.ovl.ssh.Redaction;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The execution strategy of the whole tree, around {@link JsonReply#execute}: a run of a command
 * that {@link ChangesHosts} (or of any command given {@code --log-file}) gets a log file
 * ({@link RunLogFile}) that every host session of the run reports to ({@link CommandSessions}).
 * The log starts with the command line (redacted), the topology file, the start; it ends with
 * the exit code and the error. A run that does not exit 0 prints {@code ovl: log: PATH} on stderr,
 * and the JSON envelope has the path as {@code "log"}.
 */
final class RunLogging {
    static final String LOG_FILE = "--log-file";
    static final String NO_LOG = "--no-log";

    private RunLogging() {
    }

    static int execute(ParseResult parseResult) {
        return execute(parseResult, Clock.systemUTC());
    }

    static int execute(ParseResult parseResult, Clock clock) {
        CommandSpec root = parseResult.commandSpec().root();
        OvlCommand ovl = root.userObject() instanceof OvlCommand o ? o : null;
        if (ovl == null) {
            return JsonReply.execute(parseResult);
        }
        ovl.runLog = null;
        ovl.reply.log = Optional.empty();
        ParseResult leaf = leaf(parseResult);
        Optional<RunLogFile> opened = open(parseResult, leaf, root, clock);
        if (opened.isEmpty()) {
            return JsonReply.execute(parseResult);
        }
        RunLogFile log = opened.get();
        ovl.runLog = log;
        ovl.reply.log = Optional.of(log.path());
        Instant started = clock.instant();
        PrintWriter err = leaf.commandSpec().commandLine().getErr();
        int exit;
        try {
            try {
                header(log, leaf, parseResult.originalArgs(), started);
                exit = JsonReply.execute(parseResult);
            } catch (CommandLine.ExecutionException e) {
                // Handled here rather than by picocli after this returns: the log records the error
                // and its end, and "ovl: log: PATH" comes after the error's own line.
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                log.note("error", cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
                exit = handle(root, e, cause, parseResult);
            }
            log.end(started, exit, meaning(exit));
        } finally {
            log.close();
            ovl.runLog = null;
            ovl.reply.log = Optional.empty(); // printed already; the next command of a shell has its own
        }
        if (exit != 0) {
            err.println("ovl: log: " + log.path());
            err.flush();
        }
        return exit;
    }

    private static int handle(CommandSpec root, CommandLine.ExecutionException e, Exception cause, ParseResult parseResult) {
        try {
            return root.commandLine().getExecutionExceptionHandler().handleExecutionException(cause, e.getCommandLine(),
                    parseResult);
        } catch (Exception failedHandling) {
            return ErrorHandlers.exitCodeOf(failedHandling); // ErrorHandlers.Execution throws nothing
        }
    }

    /**
     * The run's log: {@code --log-file PATH} for any command, else the default directory for a
     * command that changes hosts (the old ones there pruned), else none. Help, version and {@code --no-log}: none.
     */
    private static Optional<RunLogFile> open(ParseResult parseResult, ParseResult leaf, CommandSpec root, Clock clock) {
        Optional<Path> chosen = Optional.empty();
        boolean noLog = false;
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            CommandLine c = pr.commandSpec().commandLine();
            if (c.isUsageHelpRequested() || c.isVersionHelpRequested()) {
                return Optional.empty();
            }
            if (pr.hasMatchedOption(LOG_FILE)) {
                chosen = Optional.of(pr.matchedOptionValue(LOG_FILE, (Path) null));
            }
            noLog |= pr.hasMatchedOption(NO_LOG);
        }
        if (noLog && chosen.isPresent()) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(),
                    LOG_FILE + " and " + NO_LOG + " cannot be used together");
        }
        if (noLog || leaf.commandSpec() == root || leaf.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return Optional.empty();
        }
        CliEnvironment env = OvlCommand.environmentOf(leaf.commandSpec());
        String command = commandName(leaf.commandSpec());
        long pid = ProcessHandle.current().pid();
        if (chosen.isPresent()) {
            Path file = chosen.get().isAbsolute() ? chosen.get() : env.workingDir().resolve(chosen.get());
            try {
                return Optional.of(RunLogFile.appendTo(file, clock));
            } catch (OvlException e) {
                // A usage error like any bad option value (exit 2, one line), before anything runs.
                throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), e.getMessage());
            }
        }
        if (!(leaf.commandSpec().userObject() instanceof ChangesHosts)) {
            return Optional.empty();
        }
        Optional<Path> dir = RunLogFile.defaultDirectory(env.env());
        if (dir.isEmpty()) {
            return Optional.empty(); // neither XDG_STATE_HOME nor HOME: nowhere to keep it
        }
        try {
            RunLogFile log = RunLogFile.createIn(dir.get(), command, pid, clock);
            RunLogPruning.prune(dir.get(), clock.instant(), RunLogPruning.KEEP, RunLogPruning.MAX_AGE);
            return Optional.of(log);
        } catch (UncheckedIOException e) {
            PrintWriter err = leaf.commandSpec().commandLine().getErr();
            err.println("ovl: warning: no run log for this run: " + e.getMessage() + " (choose one with --log-file)");
            err.flush();
            return Optional.empty();
        }
    }

    private static void header(RunLogFile log, ParseResult leaf, List<String> args, Instant started) {
        List<String> argv = new ArrayList<>();
        argv.add("ovl");
        argv.addAll(args);
        log.note("ovl run log", commandName(leaf.commandSpec()));
        log.note("command", Redaction.argv(argv));
        log.note("topology", topology(leaf.commandSpec()));
        log.note("started", started.truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + ", " + Runs.owner(commandName(leaf.commandSpec())) + ", " + version());
        log.note("lines", "time host kind outcome duration command (shell: a persistent shell; batch: one command"
                + " of the fact batch above it; start: its own channel; docker: an Engine API request); \"  ! \""
                + " the first stderr line or the error of a step that did not succeed");
    }

    /** The topology file the command reads, when it has {@code -f} (or the fallbacks) and one is found. */
    private static String topology(CommandSpec command) {
        for (CommandSpec mixin : command.mixins().values()) {
            if (mixin.userObject() instanceof TopologyOption option) {
                try {
                    return option.locate().toAbsolutePath().normalize().toString();
                } catch (OvlException e) {
                    return "(none: " + e.getMessage() + ")";
                }
            }
        }
        return "(none)";
    }

    private static String version() {
        try {
            return new VersionProvider().getVersion()[0];
        } catch (java.io.IOException e) {
            return "ovl unknown";
        }
    }

    /** {@code init}, {@code net create}: the command as typed after {@code ovl}. */
    static String commandName(CommandSpec command) {
        String name = command.qualifiedName(" ");
        String rootName = command.root().name();
        return name.equals(rootName) ? "" : name.substring(rootName.length() + 1);
    }

    private static String meaning(int exit) {
        for (ExitCode c : ExitCode.values()) {
            if (c.code() == exit) {
                return c.key();
            }
        }
        return "exit " + exit;
    }

    private static ParseResult leaf(ParseResult pr) {
        ParseResult leaf = pr;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }
}
