package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.lab.CommandResult;
import io.ovl.lab.Lab;
import io.ovl.lab.LabHost;
import io.ovl.change.ChangeReport;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the swarm ITs share: the lab's swarm topology (first host manager, the others workers,
 * network labnet) plus an encrypted network secnet, and the engine driven exactly as
 * {@code ovl init}/{@code ovl reset} drive it (SSH sessions from the topology, one plan for dry
 * run and apply).
 */
final class SwarmLab {
    final Lab lab;
    final Path file;
    final Topology topology;

    SwarmLab(Lab lab) {
        this(lab, false);
    }

    /** @param allManagers every host gets {@code role: manager} (the lab makes only the first one a manager) */
    SwarmLab(Lab lab, boolean allManagers) {
        this.lab = lab;
        try {
            file = lab.stateDir().resolve(allManagers ? "topology-swarm-managers-it.yaml" : "topology-swarm-it.yaml");
            String text = Files.readString(lab.topologyPath());
            if (allManagers) {
                // lab/up writes "    # engine: N" in every host entry and "role: manager" after it on the first.
                text = text.replaceAll("(?m)^(    # engine: .*)\n(    role: manager\n)?", "$1\n    role: manager\n");
            }
            Files.writeString(file, text + "  - name: secnet\n    subnet: 172.16.20.0/24\n    encrypted: true\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topology = new TopologyLoader().load(file).orThrow();
    }

    OpenHosts open() {
        return OpenHosts.overSsh(topology, file, topology.overlayHosts(),
                SshConnector.fromSystem(), new ParallelHosts());
    }

    SwarmPlan initPlan(boolean force) {
        try (OpenHosts hosts = open()) {
            return new SwarmInit(topology, hosts).plan(force);
        }
    }

    ChangeReport init(boolean force) {
        try (OpenHosts hosts = open()) {
            SwarmInit init = new SwarmInit(topology, hosts);
            return init.apply(init.plan(force), ChangeProgress.NONE);
        }
    }

    SwarmResetPlan resetPlan(boolean force) {
        try (OpenHosts hosts = open()) {
            return new SwarmReset(topology, hosts).plan(force);
        }
    }

    ChangeReport reset(boolean force) {
        return reset(force, ChangeProgress.NONE);
    }

    /** As {@code ovl reset}, with {@code progress} told each step before it runs. */
    ChangeReport reset(boolean force, ChangeProgress progress) {
        try (OpenHosts hosts = open()) {
            SwarmReset reset = new SwarmReset(topology, hosts);
            return reset.apply(reset.plan(force), progress);
        }
    }

    /** Runs a command as root in the host and returns its trimmed stdout; fails the test when it fails. */
    String in(LabHost host, String... command) {
        CommandResult r = lab.inHost(host, command);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }

    /**
     * Whether the kernel under {@code host} has the IPsec AEAD Docker's encrypted overlays use
     * (rfc4106(gcm(aes))), tried with a throwaway state in the host's own network namespace. This
     * machine's kernel was seen without it: dockerd then logs "Failed Adding rSA ... function not
     * implemented" and encrypted traffic cannot flow, whatever ovl does.
     */
    boolean kernelHasEspAead(LabHost host) {
        var add = lab.inHost(host, "ip", "xfrm", "state", "add", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp",
                "spi", "0x4f564c31", "mode", "transport", "aead", "rfc4106(gcm(aes))",
                "0x11f72264d3daf4af3e4a3617e7905b1ffe8b84b1", "128");
        if (add.succeeded()) {
            lab.inHost(host, "ip", "xfrm", "state", "delete", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp",
                    "spi", "0x4f564c31");
        }
        return add.succeeded();
    }

    String swarmState(LabHost host) {
        return in(host, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}");
    }

    /**
     * A listener on {@code server} in {@code network}, reached by container name from {@code client}:
     * the answer the client got.
     */
    String talk(LabHost server, LabHost client, String network, String name) {
        in(server, "docker", "run", "-d", "--name", name, "--network", network, "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-" + name + " | nc -l -p 8080; done");
        CommandResult r = lab.inHost(client, "docker", "run", "--rm", "--network", network, "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do nc -w 2 " + name + " 8080 </dev/null && exit 0; sleep 1; done;"
                        + " exit 1");
        return r.stdout().strip();
    }
}
