package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.mode.OverlayMode;
import io.ovl.net.MergedNetwork;
import io.ovl.net.NetRemove;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl net rm NAME}: remove an overlay network once, refusing while containers use it. */
@Command(
        name = "rm",
        mixinStandardHelpOptions = true,
        description = {
            "Remove an overlay network. Refuses while containers are attached on any overlay",
            "host (naming them and their hosts), or when a host cannot be read, unless --force,",
            "which disconnects them first. Removes it once, then waits until no overlay host",
            "lists it."
        },
        footerHeading = "%nJSON output (--output json), inside the envelope of README.md 'JSON output':%n",
        footer = {
            "  {\"network\", \"removed\": bool, \"removed-on\": host or null, \"refused\": why or null,",
            "   \"disconnected\": [\"CONTAINER on HOST\", ...], \"still-on\": [...]}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 removed everywhere; 3 refused (containers",
            "attached, a host could not be read; nothing changed) or no host lists NAME; 4 removing",
            "failed or a host still lists it; 2 bad arguments."
        })
public final class NetRmCommand implements Callable<Integer>, ChangesHosts {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "Network name.")
    String name;

    @Option(names = "--force", description = "Disconnect attached containers first (they keep running).")
    boolean force;

    int waitSeconds;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for every overlay host to drop it (0 or more; default: ${DEFAULT-VALUE}).")
    void waitSeconds(int seconds) {
        waitSeconds = WaitSeconds.check(spec, seconds);
    }

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        NetInspectCommand.requireName(name);
        Topology topology = NetRun.load(topologyOption);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (NetRun run = NetRun.open(topologyOption, topology, parallelOption.value(), spec);
             Runs.Held lock = Runs.lock(run.hosts, topology, "net rm")) {
            MergedNetwork network = NetInspectCommand.find(name, run);
            var refusal = NetRemove.refusal(network, force);
            if (refusal.isPresent()) {
                if (output.json()) {
                    JsonReply.body(spec, json(network.definition().name(), null, refusal.get(), java.util.List.of(),
                            java.util.List.of()));
                }
                throw new OvlException(ExitCode.CHECKS_FAILED, "not removed: " + refusal.get());
            }
            var progress = Runs.lines(output.json() ? err : out);
            NetRemove.Outcome o = new NetRemove(run.hosts, run.visibility(waitSeconds, progress), progress)
                    .remove(network, OverlayMode.of(topology).placement().candidates(topology));
            if (output.json()) {
                JsonReply.body(spec, json(o.network(), o.removedOn(), null, o.disconnected(), o.stillOn()));
            } else {
                out.println("removed overlay network " + o.network() + " (on " + o.removedOn() + ")"
                        + (o.disconnected().isEmpty() ? "" : "; disconnected " + String.join(", ", o.disconnected())));
            }
            out.flush();
            if (!o.stillOn().isEmpty()) {
                throw new OvlException(ExitCode.HOST_FAILED, "network " + o.network() + " removed on " + o.removedOn()
                        + ", but still listed on " + String.join(", ", o.stillOn()), o.stillOn(), null);
            }
            return ExitCode.OK.code();
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String network, String removedOn, String refused, java.util.List<String> disconnected,
                               java.util.List<String> stillOn) {
        var root = Json.object();
        root.put("network", network);
        root.put("removed", removedOn != null);
        root.put("removed-on", removedOn);
        root.put("refused", refused);
        disconnected.forEach(root.putArray("disconnected")::add);
        stillOn.forEach(root.putArray("still-on")::add);
        return root;
    }
}
