package io.ovl.ssh.agent;

import io.ovl.ssh.TestKeys;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test support: a REAL ssh-agent process bound to a socket in a temp dir ({@code ssh-agent -D -a SOCK}). */
public final class TestAgent implements AutoCloseable {
    private final Path socket;
    private final Process process;

    private TestAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    public static TestAgent start(Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")), "skipped: ssh-agent not installed");
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        // Readiness poll (not a timing assertion): the socket appears once the agent listens.
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!Files.exists(socket)) {
            p.destroy();
            throw new IOException("ssh-agent did not create " + socket);
        }
        return new TestAgent(socket, p);
    }

    public Path socket() {
        return socket;
    }

    public void add(Path privateKey) throws IOException {
        TestKeys.run(List.of("ssh-add", privateKey.toString()), Map.of("SSH_AUTH_SOCK", socket.toString()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
