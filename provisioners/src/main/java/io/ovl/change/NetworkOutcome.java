package io.ovl.change;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One topology network after init.
 *
 * @param createdOn the host it was created on by this run, empty when it existed already
 * @param missingOn overlay hosts that did not see it in time (or could not be asked)
 * @param error     why it could not be created, empty when it was
 */
public record NetworkOutcome(String name, Optional<String> createdOn, List<String> seenOn, List<String> missingOn,
                             Optional<String> error) {
    public NetworkOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdOn, "createdOn");
        seenOn = List.copyOf(seenOn);
        missingOn = List.copyOf(missingOn);
        Objects.requireNonNull(error, "error");
    }

    public boolean ok() {
        return error.isEmpty() && missingOn.isEmpty();
    }
}
