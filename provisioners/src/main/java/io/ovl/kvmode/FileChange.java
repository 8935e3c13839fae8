package io.ovl.kvmode;

import java.util.Objects;
import java.util.Optional;

/**
 * One file ovl would write or remove on a host, with what is there now, so a plan can show the
 * diff and a failed restart can put back exactly what was there.
 *
 * @param before the current content, empty when the file does not exist
 * @param after  the wanted content, empty to remove the file
 */
public record FileChange(String path, Optional<String> before, Optional<String> after) {
    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.equals(after)) {
            throw new IllegalArgumentException(path + ": a change must change something");
        }
    }

    /** The unified diff of this change, as a dry run shows it. */
    public String diff() {
        return UnifiedDiff.of(path, before.isPresent(), before.orElse(""), after.isPresent(), after.orElse(""));
    }

    public boolean removes() {
        return after.isEmpty();
    }
}
