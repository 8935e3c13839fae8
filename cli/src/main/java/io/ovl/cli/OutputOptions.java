package io.ovl.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --output text|json} for every command that reports something, and the colour decision. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: a stable shape for scripts, described in --help.")
    OutputFormat format = OutputFormat.text;

    boolean json() {
        return format == OutputFormat.json;
    }

    /** Colour for this run: never for JSON, otherwise as the environment allows. */
    Style style() {
        return new Style(!json() && OvlCommand.environmentOf(mixee).colour());
    }
}
