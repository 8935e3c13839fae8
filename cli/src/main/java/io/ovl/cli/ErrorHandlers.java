package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Errors are one line on stderr, prefixed "ovl: "; the stack trace only with --verbose. Bad
 * arguments exit 2, as the exit-code table says, with one line naming the option. With
 * {@code --output json} the same failure is also the one JSON document on stdout ({@link JsonReply}).
 */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof OvlException e) {
            return e.exitCode().code();
        }
        if (t instanceof ParameterException) {
            return ExitCode.USAGE.code();
        }
        return ExitCode.SOFTWARE.code();
    }

    static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static final class Execution implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (!(ex instanceof OvlException)) {
                message = "internal error: " + message;
            }
            err.println("ovl: " + message);
            if (JsonReply.requested(parseResult)) {
                JsonReply.printFailure(cl, ex, exitCodeOf(ex), "ovl: " + message);
            }
            if (verbose(parseResult)) {
                ex.printStackTrace(err);
            } else if (!(ex instanceof OvlException)) {
                err.println("ovl: run again with --verbose for the stack trace");
            }
            err.flush();
            return exitCodeOf(ex);
        }
    }

    static final class Parameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            String line = oneLine(ex, cl.getCommandSpec().qualifiedName());
            err.println(line);
            err.flush();
            if (JsonReply.requested(ex, args)) {
                JsonReply.printFailure(cl, ex, ExitCode.USAGE.code(), line);
            }
            return ExitCode.USAGE.code();
        }

        /**
         * "ovl: Invalid value for option '--parallel': ...; see 'ovl init --help'": the problem, the
         * closest valid options when the user mistyped one, and where to read more, on one line.
         */
        static String oneLine(ParameterException ex, String command) {
            StringBuilder line = new StringBuilder("ovl: ");
            line.append(ex.getMessage() == null ? "invalid arguments" : ex.getMessage().strip().replaceAll("\\s*\\R\\s*", "; "));
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
            }
            return line.append("; see '").append(command).append(" --help'").toString();
        }
    }
}
