package io.ovl.cli.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovl shell} as a person uses it: the built launcher (target/ovl/bin/ovl) in a real
 * pseudo-terminal made by tmux, keys sent with send-keys, the screen read with capture-pane.
 * Skips when tmux is not installed. Waits poll the screen until text appears (bounded, so a
 * broken shell fails instead of hanging); nothing asserts on time.
 */
class ShellIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String socket = "ovl-shell-it-" + ProcessHandle.current().pid();

    @BeforeEach
    void tmux() throws Exception {
        assumeTrue(run("sh", "-c", "command -v tmux").ok(), "tmux is not installed; skipping the terminal test");
    }

    @AfterEach
    void killServer() throws Exception {
        run("tmux", "-L", socket, "kill-server");
    }

    @Test
    void runsACommandAndCompletesSubcommandsOptionsAndNetworks() throws Exception {
        Path launcher = Path.of(System.getProperty("ovl.dist.dir", "target/ovl")).resolve("bin/ovl").toAbsolutePath();
        Path topology = Path.of("..", "examples", "guide-consul.yaml").toAbsolutePath().normalize();
        Path history = dir.resolve("history");
        String command = launcher + " shell -f " + topology + " --history " + history;
        assertTrue(run("tmux", "-L", socket, "new-session", "-d", "-x", "160", "-y", "40", command).ok());
        awaitScreen(s -> s.contains("\novl>"), "the prompt"); // capture-pane trims the trailing space

        keys("val", "Tab");
        awaitScreen(s -> s.contains("ovl> validate"), "'val' + Tab completed to 'validate'");
        keys("Enter");
        awaitScreen(s -> s.contains(topology + ": valid"), "validate ran against the shell's topology");

        keys("doctor --no-p", "Tab");
        awaitScreen(s -> s.contains("ovl> doctor --no-probe"), "option completion");
        keys("C-u", "net create my", "Tab");
        awaitScreen(s -> s.contains("ovl> net create myoverlay"), "network name from the topology");
        keys("C-u", "exit", "Enter");
        awaitHistory(history);
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", "0"));
        args.addAll(List.of(keys));
        assertTrue(run(args.toArray(String[]::new)).ok(), "send-keys " + List.of(keys));
    }

    private String screen() throws Exception {
        return run("tmux", "-L", socket, "capture-pane", "-p", "-t", "0").output();
    }

    private void awaitScreen(Predicate<String> ready, String what) throws Exception {
        Instant end = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(end)) {
            last = screen();
            if (ready.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + what + " on the screen; it shows:\n" + last);
    }

    private void awaitHistory(Path history) throws Exception {
        Instant end = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(end)) {
            if (Files.exists(history) && Files.readString(history).contains("validate")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("history file " + history + " should record 'validate'");
    }

    private record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }
}
