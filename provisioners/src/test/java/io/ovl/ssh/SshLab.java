package io.ovl.ssh;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: a lab of REAL hosts (systemd, sshd, dockerd in namespaces) of our own name, made by
 * the lab helper's scripts ({@code lab/up}, {@code lab/exec}, {@code lab/down}; see
 * /work/wt/LAB-READY), used read-only from {@code -Dovl.lab.dir} (default /work/wt/lab/lab).
 * Skips the calling test when not root or the lab cannot start.
 */
public final class SshLab implements AutoCloseable {

    /** One host of the lab: its topology-style name, lab id (h1..), address and Docker Engine version. */
    public record Host(String name, String id, String address, String engine) {
    }

    private final Path labDir;
    private final String name;
    private final List<Host> hosts;

    private SshLab(Path labDir, String name, List<Host> hosts) {
        this.labDir = labDir;
        this.name = name;
        this.hosts = hosts;
    }

    public static SshLab up(String name, String engines) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: the lab needs root");
        Path labDir = Path.of(System.getProperty("ovl.lab.dir", "/work/wt/lab/lab"));
        Assumptions.assumeTrue(Files.isExecutable(labDir.resolve("up")), "skipped: no lab scripts at " + labDir
                + " (set -Dovl.lab.dir)");
        try {
            TestKeys.run(List.of(labDir.resolve("up").toString(), "--name", name, "--engine", engines));
            List<Host> hosts = new ArrayList<>();
            for (String line : Files.readAllLines(labDir.resolve("state").resolve(name).resolve("hosts.tsv"))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length >= 5 && f[4].equals("full")) {
                    hosts.add(new Host(f[0], f[1], f[2], f[3]));
                }
            }
            return new SshLab(labDir, name, List.copyOf(hosts));
        } catch (IOException e) {
            Assumptions.abort("skipped: lab " + name + " did not come up: " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    public List<Host> hosts() {
        return hosts;
    }

    public Path key() {
        return labDir.resolve("state").resolve(name).resolve("id_ed25519");
    }

    public Path knownHosts() {
        return labDir.resolve("state").resolve(name).resolve("known_hosts");
    }

    /** Runs a command as root inside a host's namespaces (fault injection). */
    public String inHost(Host host, String... argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(labDir.resolve("exec").toString(), "--name", name, host.id()));
        cmd.addAll(List.of(argv));
        return TestKeys.run(cmd);
    }

    @Override
    public void close() throws IOException {
        TestKeys.run(List.of(labDir.resolve("down").toString(), "--name", name));
    }
}
