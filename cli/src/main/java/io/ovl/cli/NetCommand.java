package io.ovl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl net}: overlay networks. Alone it shows its subcommands. */
@Command(
        mixinStandardHelpOptions = true,
        name = "net",
        description = "Overlay networks across the hosts: create, list, inspect, remove, verify.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl net create myoverlay --subnet 172.16.16.0/24 --ip-range 172.16.16.128/25",
            "  ovl net ls",
            "  ovl net inspect myoverlay --output json",
            "  ovl net verify myoverlay",
            "  ovl net rm myoverlay"},
        subcommands = {NetCreateCommand.class, NetLsCommand.class, NetInspectCommand.class, NetRmCommand.class,
            NetVerifyCommand.class})
public final class NetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
