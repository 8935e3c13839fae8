package io.ovl.cli;

import io.ovl.topology.HostSubset;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --hosts NAME[,NAME...]}: the hosts a command works on (as Ansible's --limit); default every host. */
final class HostsOption {
    @Option(names = "--hosts", paramLabel = "NAME[,NAME...]", split = ",", description = {
        "Only these hosts of the topology (comma-separated, or the option repeated); the",
        "others are still read where a check or step needs them (probes, the store, the",
        "swarm's managers), never changed. An unknown name is an error naming it."})
    List<String> names = new ArrayList<>();

    /** @throws io.ovl.core.OvlException exit 2 naming unknown hosts */
    HostSubset of(Topology topology) {
        return HostSubset.of(topology, names);
    }
}
