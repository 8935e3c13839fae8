package io.ovl.cli.dist;

import io.ovl.cli.CliEnvironment;
import io.ovl.cli.OvlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step, not a test: writes the man page sources and the completion scripts that the
 * distribution zip ships, from the same command tree the launcher runs. Run by exec-maven-plugin
 * in {@code package} (cli/pom.xml) with the test class path, so picocli-codegen never reaches lib/.
 *
 * <p>Output under the directory given as the only argument: {@code adoc/ovl*.adoc} (one page per
 * command, turned into troff by asciidoctor next), {@code completions/ovl.bash},
 * {@code completions/ovl.zsh} (zsh, to source: it uses bashcompinit, as `ovl completion zsh` prints it).
 */
public final class DistDocs {
    private DistDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DistDocs OUTPUT_DIR");
        }
        Path out = Path.of(args[0]);
        Path adoc = Files.createDirectories(out.resolve("adoc"));
        Path completions = Files.createDirectories(out.resolve("completions"));

        // A fixed environment: the pages must not depend on the builder's terminal or variables.
        CommandLine ovl = OvlCommand.newCommandLine(new CliEnvironment(Map.of(), Path.of(""), false));
        int exit = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, ovl.getCommandSpec());
        if (exit != 0) {
            throw new IllegalStateException("ManPageGenerator failed with exit code " + exit);
        }
        Files.writeString(completions.resolve("ovl.bash"), completion("bash"));
        Files.writeString(completions.resolve("ovl.zsh"), completion("zsh"));
    }

    /** Exactly what `ovl completion SHELL` prints: one generator, two ways to get the script. */
    private static String completion(String shell) {
        StringWriter text = new StringWriter();
        CommandLine fresh = OvlCommand.newCommandLine(new CliEnvironment(Map.of(), Path.of(""), false));
        fresh.setOut(new PrintWriter(text, true));
        int exit = fresh.execute("completion", shell);
        if (exit != 0) {
            throw new IllegalStateException("ovl completion " + shell + " failed with exit code " + exit);
        }
        return text.toString();
    }
}
