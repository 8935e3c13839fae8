package io.ovl.doctor;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.topology.HostSubset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything doctor found, as data: sections in check order, each with one result per host. The
 * CLI renders it (human view, JSON); the engine never prints.
 *
 * @param topologyFile the file the topology came from, as given
 * @param hosts        topology host names, in order
 */
public record DoctorReport(String topologyFile, List<String> hosts, List<CheckSection> sections) {
    public DoctorReport {
        Objects.requireNonNull(topologyFile, "topologyFile");
        hosts = List.copyOf(hosts);
        sections = List.copyOf(sections);
    }

    /**
     * The results about the hosts of {@code subset} ({@code --hosts}) and about the whole topology:
     * every host was still read and probed, since a check between hosts needs the others.
     */
    public DoctorReport only(HostSubset subset) {
        if (subset.all()) {
            return this;
        }
        return new DoctorReport(topologyFile, hosts.stream().filter(subset::contains).toList(), sections.stream()
                .map(s -> new CheckSection(s.name(), s.description(), s.severity(), s.results().stream()
                        .filter(r -> r.host().equals(Finding.WHOLE_TOPOLOGY) || subset.contains(r.host())).toList()))
                .toList());
    }

    public Stream<Finding> results() {
        return sections.stream().flatMap(s -> s.results().stream());
    }

    public long count(Severity severity) {
        return results().filter(r -> r.severity() == severity).count();
    }

    public long ignoredCount() {
        return results().filter(Finding::ignored).count();
    }

    /** True when no result failed: the run exits 0. */
    public boolean passed() {
        return count(Severity.ERROR) == 0;
    }

    /** The results of one check (empty when the check did not run). */
    public List<Finding> resultsOf(String check) {
        return sections.stream().filter(s -> s.name().equals(check)).findFirst()
                .map(CheckSection::results).orElse(List.of());
    }
}
