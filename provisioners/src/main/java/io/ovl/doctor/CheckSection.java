package io.ovl.doctor;

import java.util.List;
import java.util.Objects;

/** All results of one check, hosts in topology order. */
public record CheckSection(String name, String description, CheckSeverity severity, List<CheckResult> results) {
    public CheckSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        results = List.copyOf(results);
    }
}
