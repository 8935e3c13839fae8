package io.ovl.doctor;

import java.util.List;

/** Every direction the port probe tried, in topology order of target, then source. */
public record ProbeReport(List<ProbeOutcome> outcomes) {
    public ProbeReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<ProbeOutcome> toTarget(String target) {
        return outcomes.stream().filter(o -> o.target().equals(target)).toList();
    }
}
