package io.ovl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl net}: overlay networks. Alone it shows its subcommands. */
@Command(
        mixinStandardHelpOptions = true,
        name = "net",
        description = "Overlay networks: check and create them.",
        footerHeading = "%nExamples:%n",
        footer = {"  ovl net create myoverlay --subnet 172.16.16.0/24 --dry-run"},
        subcommands = {NetCreateCommand.class})
public final class NetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
