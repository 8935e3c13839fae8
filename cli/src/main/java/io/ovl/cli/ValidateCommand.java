package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.topology.LoadResult;
import io.ovl.topology.TopologyLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovl validate}: check a topology file offline, report every problem. */
@Command(
        mixinStandardHelpOptions = true,
        name = "validate",
        description = {
            "Check a topology file offline and report every problem in it.",
            "",
            "Checks keys and values, host and network names, the key-value store, swarm",
            "roles and the addressing of every network (IPv4 and IPv6), without touching",
            "any host. Each problem is one line:",
            "  FILE:LINE:COLUMN: KEY: what is wrong; what would be right",
            "Warnings are printed but keep the file valid."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl validate                       # $OVL_TOPOLOGY, else ./topology.yaml",
            "  ovl validate -f examples/swarm.yaml",
            "  ovl validate --output json | jq '.problems[] | select(.severity == \"error\")'",
            "",
            "JSON output (--output json), in the envelope of every command (README.md, 'JSON output'):",
            "  {\"file\": \"topology.yaml\", \"valid\": false,",
            "   \"problems\": [{\"severity\": \"error\" or \"warning\", \"line\": 12, \"column\": 5,",
            "                 \"path\": \"hosts[1].adress\", \"message\": \"unknown key\",",
            "                 \"hint\": \"did you mean 'address'?\" or null}]}",
            "",
            "Exit codes (the table of 'ovl --help'): 0 valid (warnings allowed), 2 invalid or no topology file found."
        })
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        LoadResult result = new TopologyLoader().load(topology.locate());
        ProblemReport report = new ProblemReport(result);
        if (output.json()) {
            JsonReply.body(spec, report.json());
            if (!result.valid()) {
                JsonReply.failure(spec, result);
            }
        } else {
            spec.commandLine().getOut().print(report.text(output.style()));
            spec.commandLine().getOut().flush();
        }
        return result.valid() ? ExitCode.OK.code() : ExitCode.USAGE.code();
    }
}
