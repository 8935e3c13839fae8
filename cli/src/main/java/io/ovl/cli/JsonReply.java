package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.Location;
import io.ovl.core.OvlException;
import io.ovl.topology.InvalidTopologyException;
import io.ovl.topology.LoadResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code --output json}: whatever happens, stdout holds exactly one JSON document, printed here
 * when the run ends, never by a command. A command hands over its own document with
 * {@link #body}; the envelope's keys come first (README.md, "JSON output"):
 *
 * <pre>
 * {"envelope": "ovl/1", "command": "net create", "ok": false, "exit": 3,
 *  "failure": null | {"kind": "checks-failed", "message": "...", "hosts": ["h2"],
 *                     "file": FILE or null, "line": N or null, "column": N or null, "problems": [...]},
 *  "log": PATH of the run log, or null when the run writes none,
 *  ...the command's own keys, when it got as far as having a result}
 * </pre>
 *
 * The envelope's version is {@code "envelope"}, not {@code "schema"}: doctor's own document has
 * had {@code "schema": "ovl.doctor/v1"} since its first release. The failure is {@code "failure"},
 * not {@code "error"}: net create's document has its own {@code "error"} (Docker's words).
 * {@code "ok"} is true exactly when {@code "exit"} is 0, and {@code "exit"} is the process's exit code.
 */
final class JsonReply {
    static final String ENVELOPE = "ovl/1";

    private ObjectNode body;
    private Failure failure;
    /** The run's log file, when it writes one ({@link RunLogging} sets it before the command runs). */
    Optional<java.nio.file.Path> log = Optional.empty();

    /** What scripts read about a run that did not succeed. */
    record Failure(ExitCode kind, String message, List<String> hosts, Optional<LoadResult> topology) {
        Failure {
            hosts = List.copyOf(hosts);
        }
    }

    /** Where a command hands its own document: {@link #body} with --output json, nowhere in text mode. */
    record Sink(CommandSpec spec, boolean on) {
        void body(ObjectNode document) {
            if (on) {
                JsonReply.body(spec, document);
            }
        }
    }

    static Sink sink(CommandSpec spec, OutputOptions output) {
        return new Sink(spec, output.json());
    }

    /** The command's own document, printed inside the envelope when the run ends (also when it then fails). */
    static void body(CommandSpec spec, ObjectNode body) {
        of(spec).body = body;
    }

    /** Why a run that returns a non-zero exit code (rather than throwing) did not succeed. */
    static void failure(CommandSpec spec, String message, List<String> hosts) {
        of(spec).failure = new Failure(ExitCode.CHECKS_FAILED, message, hosts, Optional.empty());
    }

    /** An invalid topology (validate's own outcome, or doctor's refusal): the first error, every problem. */
    static void failure(CommandSpec spec, LoadResult invalid) {
        of(spec).failure = invalidTopology(invalid, invalid.file() + ": invalid: "
                + ProblemReport.count(invalid.errors().size(), "error") + "; first: " + invalid.errors().get(0).format());
    }

    private static JsonReply of(CommandSpec spec) {
        return spec.root().userObject() instanceof OvlCommand root ? root.reply : new JsonReply();
    }

    /** True when the command run by {@code parseResult} was given {@code --output json}. */
    static boolean requested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--output") && pr.matchedOptionValue("--output", null) == OutputFormat.json) {
                return true;
            }
        }
        return false;
    }

    /** For arguments picocli could not parse: was {@code --output json} among them? */
    static boolean requested(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--output=json") || args[i].equals("--output") && i + 1 < args.length
                    && args[i + 1].equals("json")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The execution strategy of the whole tree: runs the command as picocli would (help, version,
     * the last subcommand), then, in JSON mode, prints the one document of a run that returned.
     * A run that throws ends in {@link ErrorHandlers}, which prints its document.
     */
    static int execute(ParseResult parseResult) {
        CommandSpec root = parseResult.commandSpec().root();
        JsonReply reply = of(root);
        reply.body = null;
        reply.failure = null;
        if (!requested(parseResult)) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        ParseResult leaf = leaf(parseResult);
        CommandLine cl = leaf.commandSpec().commandLine();
        PrintWriter out = cl.getOut();
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            CommandLine c = pr.commandSpec().commandLine();
            if (c.isUsageHelpRequested() || c.isVersionHelpRequested()) {
                StringWriter text = new StringWriter();
                if (c.isUsageHelpRequested()) {
                    c.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
                } else {
                    c.printVersionHelp(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
                }
                ObjectNode help = Json.object();
                help.put(c.isUsageHelpRequested() ? "help" : "version", text.toString());
                print(out, document(leaf.commandSpec(), ExitCode.OK.code(), help, null, Optional.empty()));
                return ExitCode.OK.code();
            }
        }
        int exit = new CommandLine.RunLast().execute(parseResult);
        Failure failure = exit == 0 ? null : Optional.ofNullable(reply.failure)
                .map(f -> new Failure(ExitCode.of(exit), f.message(), f.hosts(), f.topology()))
                .orElseGet(() -> new Failure(ExitCode.of(exit), ExitCode.of(exit).meaning(), List.of(), Optional.empty()));
        print(out, document(leaf.commandSpec(), exit, reply.body, failure, reply.log));
        return exit;
    }

    /** The document of a run that threw {@code ex} (exit {@code exit}), with what the command had handed over. */
    static void printFailure(CommandLine cl, Throwable ex, int exit, String humanLine) {
        JsonReply reply = of(cl.getCommandSpec());
        print(cl.getOut(), document(cl.getCommandSpec(), exit, reply.body, failureOf(ex, exit, humanLine), reply.log));
    }

    static Failure failureOf(Throwable ex, int exit, String humanLine) {
        String message = humanLine.startsWith("ovl: ") ? humanLine.substring(5) : humanLine;
        if (ex instanceof InvalidTopologyException t) {
            return invalidTopology(t.result(), message);
        }
        List<String> hosts = ex instanceof OvlException o ? o.hosts() : List.of();
        return new Failure(ExitCode.of(exit), message, hosts, Optional.empty());
    }

    private static Failure invalidTopology(LoadResult result, String message) {
        return new Failure(ExitCode.USAGE, message, List.of(), Optional.of(result));
    }

    static ObjectNode document(CommandSpec command, int exit, ObjectNode body, Failure failure,
            Optional<java.nio.file.Path> log) {
        ObjectNode root = Json.object();
        root.put("envelope", ENVELOPE);
        String name = command.qualifiedName(" ");
        String rootName = command.root().name();
        root.put("command", name.equals(rootName) ? null : name.substring(rootName.length() + 1));
        root.put("ok", exit == 0);
        root.put("exit", exit);
        if (failure == null) {
            root.putNull("failure");
        } else {
            ObjectNode f = root.putObject("failure");
            f.put("kind", failure.kind().key());
            f.put("message", failure.message());
            failure.hosts().forEach(f.putArray("hosts")::add);
            Optional<Location.InFile> at = failure.topology().flatMap(r -> r.errors().stream().findFirst())
                    .map(Finding::location).filter(Location.InFile.class::isInstance).map(Location.InFile.class::cast);
            f.put("file", failure.topology().map(LoadResult::file).orElse(null));
            f.put("line", at.map(Location.InFile::line).orElse(null));
            f.put("column", at.map(Location.InFile::column).orElse(null));
            ArrayNode problems = f.putArray("problems");
            failure.topology().ifPresent(r -> ProblemReport.problemsJson(r.problems(), problems));
        }
        root.put("log", log.map(java.nio.file.Path::toString).orElse(null));
        if (body != null) {
            body.fields().forEachRemaining(e -> {
                // The envelope's keys win; a body's "ok" (doctor's) says the same thing.
                if (!root.has(e.getKey())) {
                    root.set(e.getKey(), e.getValue());
                }
            });
        }
        return root;
    }

    private static void print(PrintWriter out, ObjectNode document) {
        out.println(Json.write(document));
        out.flush();
    }

    private static ParseResult leaf(ParseResult pr) {
        ParseResult leaf = pr;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }

    /** Whether {@code ex} happened in a run given --output json (as parsed, or as typed when parsing failed). */
    static boolean requested(ParameterException ex, String[] args) {
        ParseResult pr = ex.getCommandLine().getParseResult();
        return requested(args) || pr != null && requested(pr);
    }
}
