package io.ovl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl store}: the key-value store ovl runs in mode kv. Alone it shows its subcommands. */
@Command(
        mixinStandardHelpOptions = true,
        name = "store",
        description = {"The key-value store ovl runs in mode: kv (kv-store.hosts): its members and health,",
            "a backup to a file on this machine, and a restore from one."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl store status",
            "  ovl store backup store-2026-12-06.zip",
            "  ovl store restore store-2026-12-06.zip --dry-run",
            "  ovl store restore store-2026-12-06.zip --yes",
            "",
            "What each store supports (README.md 'The store'): etcd all three, tested",
            "on lab hosts; ZooKeeper all three, tested with three servers; Consul all",
            "three, written from Consul's documentation and never run here."
        },
        subcommands = {StoreStatusCommand.class, StoreBackupCommand.class, StoreRestoreCommand.class})
public final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
