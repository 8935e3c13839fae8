package io.ovl.lab;

import java.util.Objects;

/**
 * One host of a running lab, as {@code lab/up} lists it in {@code hosts.tsv}.
 *
 * @param name     hostname and topology name, e.g. {@code it-h2}
 * @param id       the lab's own short id, e.g. {@code h2} (what {@code lab/exec} takes)
 * @param address  underlay address SSH connects to
 * @param engine   Docker Engine line ({@code 20.10} or {@code 26}); empty for light hosts
 * @param full     true for a full host (systemd + sshd + dockerd), false for a light one (sshd only)
 */
public record LabHost(String name, String id, String address, String engine, boolean full) {

    public LabHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(engine, "engine");
    }
}
