package io.ovl.doctor;

import io.ovl.core.Finding;
import java.util.List;
import java.util.Objects;

/** All results of one check: a {@link Finding} about the check on each host, in topology order. */
public record CheckSection(String name, String description, CheckSeverity severity, List<Finding> results) {
    public CheckSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        results = List.copyOf(results);
    }
}
