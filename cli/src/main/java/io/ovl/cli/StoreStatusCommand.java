package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.store.MemberStatus;
import io.ovl.store.StoreStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl store status}: members, leader, health and size of the store ovl runs. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show every member of the key-value store ovl runs (kv-store.hosts): its",
            "health, role (leader, follower), version and data size, as the store itself",
            "reports them: etcd through `etcdctl endpoint status/health -w json` in its",
            "container, ZooKeeper through the four-letter words mntr (else srvr) from",
            "each member's host, Consul through `consul operator raft list-peers` in its",
            "container. Changes nothing.",
            "",
            "  ovl store status",
            "  ovl store status --output json | jq -r .leader"
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"backend\", \"healthy\": bool, \"leader\": HOST|null, \"asked-on\": HOST|null,",
            "   \"members\": [{\"host\", \"endpoint\", \"healthy\", \"role\", \"version\",",
            "                \"size-bytes\", \"detail\"}],",
            "   \"notes\": [...]}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 every member healthy with one",
            "leader; 3 a member is unhealthy or unreachable, or there is no leader;",
            "2 bad arguments, a topology in swarm mode or with kv-store.url (a store",
            "ovl does not run)."
        })
public final class StoreStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StoreStatus status;
        try (StoreRun run = StoreRun.open(topologyOption, parallelOption.value(), spec, false,
                spec.commandLine().getErr())) {
            status = run.ops.status();
        }
        if (output.json()) {
            JsonReply.body(spec, StoreView.statusJson(status));
        } else {
            out.print(StoreView.statusText(status, output.style()));
            out.flush();
        }
        if (status.healthy()) {
            return ExitCode.OK.code();
        }
        List<String> bad = status.members().stream().filter(m -> !m.healthy()).map(MemberStatus::host).toList();
        JsonReply.failure(spec, bad.isEmpty() ? "the store has no leader"
                : "store members not healthy: " + String.join(", ", bad), bad);
        return ExitCode.CHECKS_FAILED.code();
    }
}
