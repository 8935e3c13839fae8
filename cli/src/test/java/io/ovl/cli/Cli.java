package io.ovl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command tree with captured stdout/stderr and a chosen environment (not a terminal unless asked). */
final class Cli {
    record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(new CliEnvironment(Map.of(), Path.of(""), false), args);
    }

    static Run run(CliEnvironment env, String... args) {
        CommandLine cl = OvlCommand.newCommandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The examples shipped in the repository (tests run in the cli module's directory). */
    static String example(String name) {
        return Path.of("..", "examples", name).toString();
    }
}
