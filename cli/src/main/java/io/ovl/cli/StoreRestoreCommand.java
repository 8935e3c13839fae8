package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.store.BackupArchive;
import io.ovl.store.MemberStatus;
import io.ovl.store.StoreOps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl store restore FILE}: rewrite the store from a backup of {@code ovl store backup}. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite the key-value store ovl runs from FILE, a backup of `ovl store",
            "backup`. Every member must be reachable and have its container (after",
            "losing a host's store, run `ovl init` first). What it does, etcd:",
            "  1. upload the snapshot into each member's data volume;",
            "  2. stop every member's container (the store is down until step 5);",
            "  3. `etcdctl snapshot restore` into a fresh data directory per member,",
            "     with the member's name, the cluster's members and token as its",
            "     container was created with;",
            "  4. swap it in, keeping the old data as member.ovl-before-restore-TIME;",
            "  5. start every member and wait until each is healthy;",
            "  6. write the backup's v2 keys (dockerd's overlay networks) back and read",
            "     them back.",
            "ZooKeeper: the same steps with the backup's snapshot and logs put in place",
            "of each server's version-2 directories (the old ones kept as",
            "version-2.ovl-before-restore-TIME). Consul: `consul snapshot restore`",
            "through one member (untested here).",
            "It rewrites the store: on a terminal it asks; elsewhere it refuses without",
            "--yes.",
            "",
            "  ovl store restore store-2026-12-06.zip --dry-run   # the plan only",
            "  ovl store restore store-2026-12-06.zip --yes"
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"dry-run\": bool,",
            "   \"plan\": {\"backend\", \"backup-created\", \"backup-taken-on\", \"v2-keys\",",
            "            \"members\": [{\"host\", \"container\", \"volume\", \"volume-dir\",",
            "                         \"member-name\", \"running\"}]},",
            "   \"report\": {\"steps\": [...], \"v2-keys-written\", \"interrupted\": bool,",
            "              \"old-data-kept-at\": {HOST: DIR},",
            "              \"status\": (as ovl store status)}}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 restored and healthy; 2 bad",
            "arguments, a file that is no backup (or damaged, or of another store), not",
            "confirmed; 3 refused, nothing changed (a member unreachable or without its",
            "container, the run lock held); 4 a step failed, or the store is not healthy",
            "afterwards: the message says where things stand; 130 interrupted: before",
            "the members stop, nothing changes; while they stop, they are started again",
            "on their old data; once the restored data is in place, the restore ends",
            "first."
        })
public final class StoreRestoreCommand implements Callable<Integer>, ChangesHosts {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A backup written by `ovl store backup`.")
    Path file;

    @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask: rewrite the store.")
    boolean yes;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        BackupArchive archive = BackupArchive.read(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = output.json() ? spec.commandLine().getErr() : out;
        try (StoreRun run = StoreRun.open(topologyOption, parallelOption.value(), spec, !dryRun, progress);
             Runs.Held lock = dryRun ? () -> { } : Runs.lock(run.hosts, run.topology, "store restore")) {
            StoreOps.RestorePlan plan = run.ops.planRestore(archive);
            ObjectNode root = Json.object();
            root.put("dry-run", dryRun);
            root.set("plan", StoreView.planJson(plan));
            JsonReply.body(spec, root);
            if (!output.json()) {
                out.print(StoreView.planText(plan, file.toString()));
                out.flush();
            }
            if (dryRun) {
                return ExitCode.OK.code();
            }
            if (!yes) {
                Runs.confirm("Rewrite the store on " + plan.members().size() + " member(s) from " + file
                        + "? [y/N] ", "restore rewrites the store and stops it meanwhile; nothing was changed. Pass --yes"
                        + " to restore (see --dry-run for the plan)", OvlCommand.environmentOf(spec));
            }
            StoreOps.RestoreReport report;
            try (Interrupts interrupts = Interrupts.install(spec.commandLine().getErr(), "see `docker ps -a` there;"
                    + " run `ovl store restore " + file + " --yes` again, or `docker start` the store containers")) {
                report = interrupts.changing(i -> run.ops.restore(plan, archive, i));
            }
            root.set("report", StoreView.reportJson(report));
            if (!output.json()) {
                out.print(StoreView.reportText(report, output.style()));
                out.flush();
            }
            if (report.interrupted()) {
                JsonReply.failure(spec, "interrupted: " + report.steps().get(0), List.of());
                return ExitCode.INTERRUPTED.code();
            }
            if (report.after().healthy()) {
                return ExitCode.OK.code();
            }
            List<String> bad = report.after().members().stream().filter(m -> !m.healthy()).map(MemberStatus::host).toList();
            JsonReply.failure(spec, "restored, but the store is not healthy: " + String.join(", ", bad), bad);
            return ExitCode.HOST_FAILED.code();
        }
    }
}
