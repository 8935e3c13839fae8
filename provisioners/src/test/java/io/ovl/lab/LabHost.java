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
 * @param sshPort  the port its sshd listens on ({@code lab/up --ssh-port}, default 22)
 * @param messy    true for a host started with {@code lab/up --messy}: its own name is in no
 *                 /etc/hosts line and its resolver never answers, so {@code sudo} there waits
 *                 about 12 s and warns "unable to resolve host"
 */
public record LabHost(String name, String id, String address, String engine, boolean full, int sshPort, boolean messy) {

    public LabHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(engine, "engine");
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort must be 1..65535, got " + sshPort);
        }
    }

    /** A tidy host with sshd on port 22 (what a lab started without --messy / --ssh-port has). */
    public LabHost(String name, String id, String address, String engine, boolean full) {
        this(name, id, address, engine, full, 22, false);
    }
}
