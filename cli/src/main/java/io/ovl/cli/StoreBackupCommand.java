package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.store.StoreOps;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl store backup FILE}: the store's data, through its own tool, into a file on this machine. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back the key-value store ovl runs up into FILE on this machine: a zip with",
            "a manifest (the SHA-256 of each entry) and the store's own files. Taken on",
            "the leader (else the first member that can), copied back over the same SSH",
            "session, written atomically (a temporary file renamed), its SHA-256 printed.",
            "The store keeps running; nothing changes on the hosts.",
            "  etcd:      `etcdctl snapshot save` in the member's container (etcd-v3.db),",
            "             and the v2 keyspace (etcd-v2-keys.json), where dockerd 20.10",
            "             keeps the overlay networks: a v3 snapshot does not hold them.",
            "  ZooKeeper: the newest snapshot and the transaction logs from the one it",
            "             starts in, copied from one server's data and log volumes.",
            "  Consul:    `consul snapshot save` in the container (untested here).",
            "",
            "  ovl store backup store-$(date +%%F).zip",
            "  sha256sum store-$(date +%%F).zip      # the same SHA-256 as printed"
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"file\", \"sha256\", \"bytes\", \"taken-on\": HOST, \"entries\": {NAME: BYTES},",
            "   \"notes\": [...]}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 written; 3 no member could give",
            "a backup (unreachable, stopped, unhealthy), nothing written; 4 the file",
            "could not be written; 2 bad arguments (FILE exists without --force, its",
            "directory is missing), a topology in swarm mode or with kv-store.url."
        })
public final class StoreBackupCommand implements Callable<Integer>, ChangesHosts {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the backup (a zip).")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        Path target = file.toAbsolutePath().normalize();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new OvlException(ExitCode.USAGE, "no directory " + target.getParent() + " for the backup " + file);
        }
        if (Files.isDirectory(target)) {
            throw new OvlException(ExitCode.USAGE, file + " is a directory; give the backup's file name");
        }
        if (Files.exists(target) && !force) {
            throw new OvlException(ExitCode.USAGE, file + " exists; pass --force to replace it, or choose another name");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = output.json() ? spec.commandLine().getErr() : out;
        StoreOps.BackupResult result;
        try (StoreRun run = StoreRun.open(topologyOption, parallelOption.value(), spec, false, progress)) {
            result = run.ops.backup(target);
        }
        if (output.json()) {
            JsonReply.body(spec, StoreView.backupJson(result));
        } else {
            out.print(StoreView.backupText(result));
            out.flush();
        }
        return ExitCode.OK.code();
    }
}
