package io.ovl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl new}: start files from what exists. Alone it shows its subcommands. */
@Command(
        mixinStandardHelpOptions = true,
        name = "new",
        description = {"Start a file from what exists.", "`ovl new topology HOST...` drafts a topology from the hosts themselves."},
        footerHeading = "%nExamples:%n",
        footer = {"  ovl new topology --user ovl --become sudo -o topology.yaml \\",
            "      198.18.0.11 198.18.0.12 198.18.0.13"},
        subcommands = {NewTopologyCommand.class})
public final class NewCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
