package io.ovl.change;

import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One overlay network of the topology.
 *
 * @param presentOn the overlay hosts that already see it
 * @param createOn  the host to create it on, empty when some host already has it (in kv mode it
 *                  then lives in the store and every joined host sees it)
 */
public record NetworkStep(NetworkSpec spec, List<String> presentOn, Optional<String> createOn) {
    public NetworkStep {
        Objects.requireNonNull(spec, "spec");
        presentOn = List.copyOf(presentOn);
        Objects.requireNonNull(createOn, "createOn");
    }
}
