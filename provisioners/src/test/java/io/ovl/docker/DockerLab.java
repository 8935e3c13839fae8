package io.ovl.docker;

import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * This package's own lab of real Docker hosts, started with the project's {@code lab/up} and
 * removed with {@code lab/down}. Tests that need it skip, saying why, when not root or when the
 * lab script is missing or fails.
 *
 * <p>The lab script is {@code $OVL_LAB_DIR/up}, else {@code ../lab/up} from the module
 * directory. {@code OVL_LAB_KEEP=1} leaves the lab running for a look afterwards.
 */
final class DockerLab implements AutoCloseable {

    /** Own name, so this lab never collides with another package's. */
    static final String NAME = "docker";
    static final String BUSYBOX = "local/busybox:1";

    private static final long UP_MINUTES = 20;

    /** One full lab host: its name, underlay address and Docker Engine series. */
    record Host(String name, String address, String engine) {}

    private final Path labDir;
    private final Path state;
    private final List<Host> hosts;

    private DockerLab(Path labDir, Path state, List<Host> hosts) {
        this.labDir = labDir;
        this.state = state;
        this.hosts = hosts;
    }

    /** Starts the lab with one host per engine, in that order, or aborts the calling tests. */
    static DockerLab up(String... engines) {
        if (!isRoot()) {
            abort("needs root to start the lab (network namespaces, mounts): run the build as root");
        }
        Path labDir = labDir();
        if (!Files.isExecutable(labDir.resolve("up"))) {
            abort("no lab script at " + labDir.resolve("up") + ": set OVL_LAB_DIR to the lab/ directory");
        }
        Result result = run(labDir, UP_MINUTES, "up", "--name", NAME,
                "--hosts", Integer.toString(engines.length), "--engine", String.join(",", engines));
        if (result.exit() != 0) {
            // up leaves what it made for a look at the console logs; tests must not leave it.
            run(labDir, 5, "down", "--name", NAME);
            abort("lab/up --name " + NAME + " failed (exit " + result.exit() + "):\n" + result.tail());
        }
        Path state = labDir.resolve("state").resolve(NAME);
        try {
            return new DockerLab(labDir, state, readHosts(state));
        } catch (IOException | RuntimeException e) {
            run(labDir, 5, "down", "--name", NAME);
            abort("lab '" + NAME + "' started but its state in " + state + " is unreadable: " + e);
            throw new AssertionError("unreachable");
        }
    }

    List<Host> hosts() {
        return hosts;
    }

    Host host(String engine) {
        return hosts.stream().filter(h -> h.engine().equals(engine)).findFirst()
                .orElseThrow(() -> new IllegalStateException("lab has no Engine " + engine + " host: " + hosts));
    }

    /** Connects with strict host key checking against the lab's known_hosts and its key. */
    SSHClient connect(Host host, String user) throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new OpenSSHKnownHosts(state.resolve("known_hosts").toFile()));
        ssh.setConnectTimeout(15_000);
        ssh.setTimeout(60_000);
        try {
            ssh.connect(host.address());
            ssh.authPublickey(user, ssh.loadKeys(state.resolve("id_ed25519").toString()));
            return ssh;
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if ("1".equals(System.getenv("OVL_LAB_KEEP"))) {
            return;
        }
        Result result = run(labDir, 5, "down", "--name", NAME);
        if (result.exit() != 0) {
            throw new IllegalStateException("lab/down --name " + NAME + " failed:\n" + result.tail());
        }
    }

    private static List<Host> readHosts(Path state) throws IOException {
        Map<String, String> env = Files.readAllLines(state.resolve("lab.env")).stream()
                .filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                        l -> l.substring(l.indexOf('=') + 1).replace("\"", "")));
        String[] engines = env.get("ENGINES").trim().split("\\s+");
        JsonNode topology = new ObjectMapper(new YAMLFactory()).readTree(state.resolve("topology.yaml").toFile());
        List<Host> hosts = new ArrayList<>();
        JsonNode list = topology.get("hosts");
        for (int i = 0; i < list.size(); i++) {
            hosts.add(new Host(list.get(i).get("name").asText(), list.get(i).get("address").asText(), engines[i]));
        }
        return List.copyOf(hosts);
    }

    private static Path labDir() {
        String env = System.getenv("OVL_LAB_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of("..", "lab").toAbsolutePath().normalize();
    }

    private static boolean isRoot() {
        Result id = run(Path.of("."), 1, "/usr/bin/id", "-u");
        return id.exit() == 0 && id.output().strip().equals("0");
    }

    private record Result(int exit, String output) {
        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length));
        }
    }

    /** Runs a lab script (or an absolute command), merging its stderr into the output. */
    private static Result run(Path labDir, long minutes, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.startsWith("/") ? script : labDir.resolve(script).toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("ovl-lab-", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return new Result(-1, command + " did not finish within " + minutes + " minutes");
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, command + " interrupted");
        }
    }
}
