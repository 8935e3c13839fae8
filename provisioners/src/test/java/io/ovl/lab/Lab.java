package io.ovl.lab;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A running lab of real hosts on this machine, driven through the repository's {@code lab/up},
 * {@code lab/exec} and {@code lab/down} scripts (see lab/README.md and /work/wt/LAB-READY).
 *
 * <p>Integration tests normally call {@link #shared()}: the first call brings one lab up for the
 * whole test JVM, later calls return the same lab, and a shutdown hook takes it down when the JVM
 * exits. A test that needs a lab of its own (for example to tear it down and check what is left)
 * uses {@link #start(String, LabLayout)} (or its shorthand {@link #start(String, List, int)}) and
 * closes it; a {@link LabLayout} also asks for two subnets, messy hosts (no /etc/hosts line for
 * their own name, a resolver that never answers: {@code sudo} there waits about 12 s) and sshd on
 * another port than 22. Both abort the calling test (a JUnit
 * assumption, so it is reported as skipped) with the reason when this is not root or the lab
 * cannot start.
 *
 * <p>System properties: {@code ovl.lab.dir} (the {@code lab/} directory; found by walking up from
 * the working directory otherwise), {@code ovl.lab.name} and {@code ovl.lab.engines} (comma list,
 * one engine per full host) for the shared lab.
 */
public final class Lab implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path labDir;
    private final String name;
    private final Path stateDir;
    private final List<LabHost> hosts;
    private final Map<String, String> names;
    private boolean down;

    // Package-private for LabExtensionTest, whose lab was never started (a fake lab/down script).
    Lab(Path labDir, String name, List<LabHost> hosts, Map<String, String> names) {
        this.labDir = labDir;
        this.name = name;
        this.stateDir = labDir.resolve("state").resolve(name);
        this.hosts = hosts;
        this.names = names;
    }

    /**
     * The lab shared by every test of this JVM, started on first use. The holder idiom keeps the
     * one-per-JVM lab lazy and thread-safe without mutable static fields.
     */
    public static Lab shared() {
        return SharedLab.INSTANCE.lab().orElseGet(() -> abort(reported(SharedLab.INSTANCE.failure())));
    }

    /**
     * Starts the lab {@code name} with one full host per engine and {@code light} light hosts, on
     * one subnet, tidy, SSH on port 22: shorthand for
     * {@code start(name, LabLayout.of(engines).withLight(light))}. An engine "20.10:sysv" boots that
     * host without systemd (lab/README.md); its {@link LabHost#engine()} is then "20.10".
     */
    public static Lab start(String name, List<String> engines, int light) {
        return start(name, LabLayout.of(engines).withLight(light));
    }

    /**
     * Starts the lab {@code name} as {@code layout} says (a lab of that name left running by an
     * earlier JVM is taken down first). Aborts the calling test with the reason when the lab
     * cannot start. Close it (or {@link #down()}) when done.
     */
    public static Lab start(String name, LabLayout layout) {
        StartResult result = tryStart(name, layout);
        return result.lab().orElseGet(() -> abort(reported(result.failure())));
    }

    /*
     * A test class that aborts in @BeforeAll is counted as zero tests with no reason in Maven's
     * output; printing the reason keeps a lab that could not start visible in the build log.
     */
    private static String reported(String failure) {
        System.err.println("[ovl lab] skipping: " + failure);
        return failure;
    }

    /**
     * A lab name unique to this checkout: {@code prefix} plus a short hash of the working directory
     * (the module directory under Maven), so that test runs from different worktrees on one
     * machine never share or tear down each other's labs, even when they use the same lab scripts.
     */
    public static String uniqueName(String prefix) {
        Path dir = Path.of("").toAbsolutePath().normalize();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 2);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public String name() {
        return name;
    }

    /** All hosts, full ones first, in the order of their ids (h1, h2, ..., l1, ...). */
    public List<LabHost> hosts() {
        return hosts;
    }

    public List<LabHost> fullHosts() {
        return hosts.stream().filter(LabHost::full).toList();
    }

    public LabHost host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id) || h.name().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lab " + name + " has no host " + id));
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The lab's private key; root and user {@code ovl} accept it on every host. */
    public Path keyPath() {
        return stateDir.resolve("id_ed25519");
    }

    /** known_hosts with every host's real keys, for strict host-key checking. */
    public Path knownHostsPath() {
        return stateDir.resolve("known_hosts");
    }

    /**
     * The sudo password of user ovl on the hosts started with {@code --sudo-password}
     * ({@code lab/state/NAME/sudo-password}); letters, digits, a space and shell quotes.
     */
    public String sudoPassword() {
        try {
            return Files.readString(stateDir.resolve("sudo-password")).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Topology file of the full hosts (kv mode when all run Engine 20.10, else swarm). */
    public Path topologyPath() {
        return stateDir.resolve("topology.yaml");
    }

    /**
     * The same topology, but logging in as the non-root user "ovl" with passwordless sudo
     * ({@code become: sudo}), written next to it on first use: the path a careful operator takes.
     */
    public Path sudoTopologyPath() {
        Path sudo = stateDir.resolve("topology-sudo.yaml");
        try {
            String root = Files.readString(topologyPath());
            String asOvl = root.replaceFirst("(?m)^  user: root$", "  user: ovl\n  become: sudo");
            if (asOvl.equals(root)) {
                throw new IllegalStateException(topologyPath() + " has no '  user: root' line to change");
            }
            Files.writeString(sudo, asOvl);
            return sudo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code command} as root inside a full host (all of its namespaces, through
     * {@code lab/exec}), e.g. to inject a fault. The command is an argument vector, not a shell string.
     */
    public CommandResult inHost(LabHost host, String... command) {
        if (!host.full()) {
            throw new IllegalArgumentException(host.name() + " is a light host; lab/exec works on full hosts");
        }
        List<String> argv = new ArrayList<>(List.of(script("exec"), "--name", name, host.id()));
        argv.addAll(Arrays.asList(command));
        return LocalProcess.run(labDir, COMMAND_TIMEOUT, argv);
    }

    /** Like {@link #inHost}, but throws when the command fails: for fault injection and its undo. */
    public CommandResult exec(LabHost host, String... command) {
        CommandResult result = inHost(host, command);
        if (!result.succeeded()) {
            throw new IllegalStateException("lab " + name + ": " + result.describe());
        }
        return result;
    }

    /**
     * Restarts sshd in {@code host} so a changed sshd_config applies, and waits until it accepts
     * connections. Not a reload: `systemctl reload` returns once SIGHUP is sent, and sshd then
     * re-execs itself, so a connection right after is either refused (seen on Debian 13 hosts)
     * or served with the old configuration. Open sessions survive. The wait is bounded and is a
     * readiness check, not a timing assertion.
     */
    public void restartSsh(LabHost host) {
        exec(host, "systemctl", "restart", "ssh");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(host.address(), host.sshPort()), 1000);
                return;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for sshd on " + host.name(), e);
            }
        }
        throw new IllegalStateException("sshd on " + host.name() + " did not accept connections within 30 s after a restart", last);
    }

    /** The first full host that runs Docker Engine {@code engine} ("20.10" or "26"). */
    public LabHost hostWithEngine(String engine) {
        return fullHosts().stream().filter(h -> h.engine().equals(engine)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lab " + name + " has no Engine " + engine + " host"));
    }

    /**
     * Runs {@code remoteCommand} on {@code host} as {@code user} with the OpenSSH client on the host's
     * SSH port, checking the host key strictly against the lab's known_hosts ({@code [addr]:port}
     * entries when the port is not 22). OpenSSH hands the command to the remote user's shell, so
     * pass only constant strings here.
     */
    public CommandResult ssh(LabHost host, String user, String remoteCommand) {
        return LocalProcess.run(labDir, COMMAND_TIMEOUT, List.of("ssh",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHostsPath(),
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes",
                "-o", "ConnectTimeout=10",
                "-i", keyPath().toString(),
                "-p", Integer.toString(host.sshPort()),
                "-l", user,
                host.address(),
                remoteCommand));
    }

    /** Pids (in this machine's view) of every process in the lab's network namespaces right now. */
    public List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        for (String ns : labNamespaces()) {
            CommandResult r = LocalProcess.run(labDir, COMMAND_TIMEOUT, List.of("ip", "netns", "pids", ns));
            r.stdout().lines().filter(l -> !l.isBlank()).map(String::strip).map(Long::valueOf).forEach(pids::add);
        }
        return List.copyOf(pids);
    }

    /** Network namespaces of this lab that exist now. */
    public List<String> labNamespaces() {
        String prefix = names.get("LAB_NS_PREFIX");
        return LocalProcess.run(labDir, COMMAND_TIMEOUT, List.of("ip", "netns", "list")).stdout().lines()
                .map(l -> l.split(" ", 2)[0]).filter(ns -> ns.startsWith(prefix)).toList();
    }

    /**
     * Everything of this lab still present on the machine: network namespaces, links (bridges,
     * veths), iptables rules with the lab's comment, processes started from its state directory,
     * and the state directory itself. Empty after a clean {@code lab/down}.
     */
    public List<String> leftovers() {
        List<String> found = new ArrayList<>();
        labNamespaces().forEach(ns -> found.add("network namespace " + ns));
        List<String> linkPrefixes = List.of(names.get("LAB_IF_PREFIX"), names.get("LAB_BR_PREFIX"), names.get("LAB_RT_PREFIX"));
        LocalProcess.run(labDir, COMMAND_TIMEOUT, List.of("ip", "-o", "link", "show")).stdout().lines()
                .map(l -> l.split(": ", 3)[1].split("@", 2)[0])
                .filter(link -> linkPrefixes.stream().anyMatch(link::startsWith))
                .forEach(link -> found.add("link " + link));
        String comment = names.get("LAB_IPT_COMMENT");
        LocalProcess.run(labDir, COMMAND_TIMEOUT, List.of("iptables", "-w", "-S")).stdout().lines()
                .filter(rule -> rule.contains("\"" + comment + "\"") || rule.contains(comment + " "))
                .forEach(rule -> found.add("iptables rule " + rule));
        String marker = stateDir.toString() + "/";
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> found.add("process " + p.pid() + ": " + p.info().commandLine().orElse("?")));
        if (Files.exists(stateDir)) {
            found.add("state directory " + stateDir);
        }
        return found;
    }

    /** Takes the lab down ({@code lab/down}); returns its result. Later calls do nothing. */
    public synchronized CommandResult down() {
        if (down) {
            return new CommandResult(List.of("lab/down"), 0, "", "already down");
        }
        down = true;
        return LocalProcess.run(labDir, DOWN_TIMEOUT, List.of(script("down"), "--name", name));
    }

    @Override
    public void close() {
        CommandResult result = down();
        if (!result.succeeded()) {
            throw new IllegalStateException("taking lab " + name + " down failed: " + result.describe());
        }
    }

    // ---- starting ----

    private record StartResult(Optional<Lab> lab, String failure) {
    }

    private static StartResult tryStart(String name, LabLayout layout) {
        Optional<Path> labDir = findLabDir();
        if (labDir.isEmpty()) {
            return failed("lab/up not found: set -Dovl.lab.dir=<repo>/lab");
        }
        if (!isRoot(labDir.get())) {
            return failed("the lab needs root (network namespaces, bridges, mounts): run the integration tests as root");
        }
        // A fresh lab every time: a lab left running by an earlier, killed test JVM may carry
        // changes its tests made. `down` of a lab that does not exist is a quick no-op.
        LocalProcess.run(labDir.get(), DOWN_TIMEOUT, List.of(labDir.get().resolve("down").toString(), "--name", name));
        List<String> up = new ArrayList<>(List.of(labDir.get().resolve("up").toString(), "--name", name));
        up.addAll(layout.upArguments());
        CommandResult result;
        try {
            result = LocalProcess.run(labDir.get(), UP_TIMEOUT, up);
        } catch (IllegalStateException e) {
            return failed("lab/up failed: " + e.getMessage());
        }
        if (!result.succeeded()) {
            return failed("lab/up --name " + name + " failed (exit " + result.exitCode() + "): "
                    + lastLines(result.stderr(), 15));
        }
        Path state = labDir.get().resolve("state").resolve(name);
        try {
            List<LabHost> hosts = LabInventory.parseHosts(Files.readString(state.resolve("hosts.tsv")));
            Map<String, String> names = LabInventory.parseEnv(Files.readString(state.resolve("names.env")));
            return new StartResult(Optional.of(new Lab(labDir.get(), name, hosts, names)), "");
        } catch (IOException | IllegalArgumentException e) {
            return failed("lab " + name + " is up but its state in " + state + " is unreadable: " + e.getMessage());
        }
    }

    private static StartResult failed(String why) {
        return new StartResult(Optional.empty(), why);
    }

    private static boolean isRoot(Path workDir) {
        CommandResult id = LocalProcess.run(workDir, COMMAND_TIMEOUT, List.of("id", "-u"));
        return id.succeeded() && id.stdout().strip().equals("0");
    }

    static Optional<Path> findLabDir() {
        String configured = System.getProperty("ovl.lab.dir");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("lab").resolve("up"))) {
                return Optional.of(dir.resolve("lab"));
            }
        }
        return Optional.empty();
    }

    private String script(String scriptName) {
        return labDir.resolve(scriptName).toString();
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Holder of the JVM-wide lab: started on first access, taken down by a shutdown hook. */
    private enum SharedLab {
        INSTANCE;

        private final StartResult result;

        SharedLab() {
            String name = System.getProperty("ovl.lab.name", uniqueName("it"));
            List<String> engines = Stream.of(System.getProperty("ovl.lab.engines", "20.10,20.10,26").split(","))
                    .map(String::strip).filter(e -> !e.isEmpty()).toList();
            result = tryStart(name, LabLayout.of(engines));
            result.lab().ifPresent(lab -> Runtime.getRuntime().addShutdownHook(
                    new Thread(lab::down, "lab-down-" + lab.name())));
        }

        Optional<Lab> lab() {
            return result.lab();
        }

        String failure() {
            return result.failure();
        }
    }

    @Override
    public String toString() {
        return "Lab[" + name + ", " + hosts.size() + " hosts]";
    }
}
