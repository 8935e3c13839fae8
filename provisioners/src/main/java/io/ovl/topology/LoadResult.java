package io.ovl.topology;

import io.ovl.core.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of loading a topology file: all problems (errors and warnings, in file order, each
 * {@link io.ovl.core.Location.InFile in the file}) and
 * the topology, which is present only when there is no error.
 */
public record LoadResult(String file, Optional<Topology> topology, List<Finding> problems) {
    public LoadResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(topology, "topology");
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return errors().isEmpty();
    }

    public List<Finding> errors() {
        return problems.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /**
     * The topology for commands that need a valid one; otherwise an exit-2 error naming the first
     * problem and pointing at {@code ovl validate} for the full list.
     */
    public Topology orThrow() {
        if (topology.isPresent()) {
            return topology.get();
        }
        List<Finding> errors = errors();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more; run 'ovl validate' to see all)" : "";
        throw new InvalidTopologyException(this, errors.get(0).format() + more);
    }
}
