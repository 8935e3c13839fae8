package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.ssh.CachingSessionPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In one {@code ovl shell} session, {@code net ls} then {@code doctor} open one SSH connection per
 * host in total: the second command reuses the first one's. Runs the commands as the shell does
 * (its environment carries the topology and the shell's {@link CachingSessionPool}, which counts
 * the connections it opens) against a real lab: one full host and two light hosts (sshd only),
 * made with {@code lab/up}. Skips when not root or when the lab cannot start.
 */
class SharedSessionsIT {
    private static final String LAB = "cli-pool-" + ProcessHandle.current().pid() % 10000;
    private static final Path LAB_DIR = Path.of("..", "lab").toAbsolutePath().normalize();
    private static final int HOSTS = 3;

    private static Path topology;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "[ovl lab] skipping: lab hosts need root");
        Lab.Result r = Lab.run(LAB_DIR.resolve("up").toString(), "--name", LAB, "--hosts", "1", "--light",
                Integer.toString(HOSTS - 1));
        if (r.status() != 0) {
            System.err.println("[ovl lab] skipping: lab/up --name " + LAB + " failed: " + r.output());
            abort("lab/up failed: " + r.output());
        }
        topology = LAB_DIR.resolve("state").resolve(LAB).resolve("topology-all.yaml");
        assumeTrue(Files.isRegularFile(topology), "[ovl lab] skipping: no " + topology);
    }

    @AfterAll
    static void down() throws Exception {
        if (topology != null || Files.exists(LAB_DIR.resolve("state").resolve(LAB))) {
            Lab.run(LAB_DIR.resolve("down").toString(), "--name", LAB);
        }
    }

    @Test
    void netLsThenDoctorInOneShellOpenOneConnectionPerHost() throws Exception {
        try (CachingSessionPool pool = CachingSessionPool.fromSystem()) {
            CliEnvironment shell = new CliEnvironment(Map.of("OVL_TOPOLOGY", topology.toString()), Path.of(""), false)
                    .withSessions(pool);

            Cli.Run ls = Cli.run(shell, "net", "ls");
            assertEquals(HOSTS, pool.connectionsOpened(), "net ls connects every host once\n" + ls.out() + ls.err());

            Cli.Run doctor = Cli.run(shell, "doctor", "--no-probe", "--output", "json");
            assertEquals(HOSTS, pool.connectionsOpened(), "doctor reused net ls's connections\n" + doctor.err());
            assertEquals(HOSTS, pool.size());
            // And it did reach every host over them (light hosts fail Docker checks, not ssh.reachable).
            JsonNode report = new ObjectMapper().readTree(doctor.out());
            List<String> reached = new ArrayList<>();
            for (JsonNode check : report.get("checks")) {
                if (check.get("name").asText().equals("ssh.reachable")) {
                    for (JsonNode r : check.get("results")) {
                        assertEquals("pass", r.get("status").asText(), r.toString());
                        reached.add(r.get("host").asText());
                    }
                }
            }
            assertEquals(HOSTS, reached.size(), doctor.out());

            // A command run alone (no shell pool) opens connections of its own, not the shell's.
            Cli.Run alone = Cli.run(new CliEnvironment(Map.of("OVL_TOPOLOGY", topology.toString()), Path.of(""), false),
                    "net", "ls");
            assertEquals(HOSTS, pool.connectionsOpened(), alone.err());
        }
    }

    /** Runs the lab scripts (bounded, output kept for the skip message). */
    private static final class Lab {
        record Result(int status, String output) {
        }

        static Result run(String... command) throws IOException, InterruptedException {
            Path log = Files.createTempFile("ovl-lab", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out: " + String.join(" ", command));
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
