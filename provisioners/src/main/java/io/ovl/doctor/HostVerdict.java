package io.ovl.doctor;

import java.util.Objects;

/** A check's verdict for one host (topology name). */
public record HostVerdict(String host, Verdict verdict) {
    public HostVerdict {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(verdict, "verdict");
    }
}
