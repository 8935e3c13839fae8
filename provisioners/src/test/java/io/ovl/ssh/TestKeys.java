package io.ovl.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test support: real keys and files made by OpenSSH's own tools (ssh-keygen). */
public final class TestKeys {
    private TestKeys() {
    }

    /** Generates a key pair with ssh-keygen (OpenSSH format); returns the private key path. */
    public static Path generate(Path dir, String type, String passphrase) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve("id_" + type + (passphrase.isEmpty() ? "" : "_locked"));
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", "ovl-test-" + type, "-f", key.toString()));
        if (type.equals("rsa")) {
            cmd.addAll(List.of("-b", "2048"));
        }
        run(cmd);
        return key;
    }

    public static String publicKey(Path privateKey) throws IOException {
        return Files.readString(Path.of(privateKey + ".pub"), StandardCharsets.UTF_8).strip();
    }

    public static String run(List<String> cmd) throws IOException {
        return run(cmd, Map.of());
    }

    /** Runs a local program, returns stdout; fails with its output when it exits non-zero. */
    public static String run(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
