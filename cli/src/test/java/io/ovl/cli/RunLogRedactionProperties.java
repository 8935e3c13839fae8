package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ovl.runlog.RunLogFile;
import io.ovl.ssh.Redaction;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RunLog;
import io.ovl.ssh.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of what a run log shows, over the project's seeded generator ({@link Gen}): a secret
 * planted in any of the places a command line carries one never reaches the file, and a command
 * line without such a place is logged exactly as it is sent.
 */
class RunLogRedactionProperties {
    private static final int TRIES = 2000;

    @TempDir
    Path dir;

    /** A value that no filler word can contain: it starts "S3cr" and filler is lower-case letters only. */
    private static String secret(Gen g) {
        return "S3cr" + g.word("", 6, 16) + g.of("", "'", " x", "\"", "$(id)", "=");
    }

    private static String filler(Gen g) {
        return g.word("", 1, 8).toLowerCase();
    }

    /** The secret planted in one of the places a command line carries one; returns the arguments to add. */
    private static List<String> planted(Gen g, String s) {
        String name = g.of("A", "DB_URL", "etcd_initial_cluster", "X1");
        String secretName = g.of("PASSWORD", "ETCD_ROOT_PASSWORD", "api_token", "my-secret", "Passphrase", "AWS_API_KEY");
        return switch (g.between(0, 9)) {
            case 0 -> List.of("-e", name + "=" + s);
            case 1 -> List.of("--env", name + "=" + s);
            case 2 -> List.of("--env=" + name + "=" + s);
            case 3 -> List.of("env", g.of("-i", "--", "-0"), name + "=" + s, filler(g));
            case 4 -> List.of("--" + g.of("password", "join-token", "token", "client-secret", "passphrase"), s);
            case 5 -> List.of("--" + g.of("password", "db-passwd", "token") + "=" + s);
            case 6 -> List.of(secretName + "=" + s);
            case 7 -> List.of(filler(g) + " SWMTKN-1-" + s.substring(0, 10) + "-" + g.word("", 5, 20) + " " + filler(g));
            case 8 -> List.of("-----BEGIN " + g.of("", "RSA ", "EC ") + "PRIVATE KEY-----\n" + s + "\n-----END "
                    + "PRIVATE KEY-----");
            default -> List.of("-e", name + "=" + s, "--token", s);
        };
    }

    @Test
    void aPlantedSecretNeverReachesTheLog() throws Exception {
        Path file = dir.resolve("p.log");
        try (RunLogFile log = RunLogFile.appendTo(file, Clock.systemUTC())) {
            Gen.forAll("a planted secret never reaches the log", TRIES, g -> {
                String s = secret(g);
                String core = s.substring(0, 10);
                List<String> argv = new ArrayList<>();
                argv.add(g.of("docker", "sh", "sudo", "etcdctl"));
                argv.addAll(g.list(0, 4, RunLogRedactionProperties::filler));
                argv.addAll(planted(g, s));
                argv.addAll(g.list(0, 4, RunLogRedactionProperties::filler));
                String shown = Redaction.argv(argv);
                assertFalse(shown.contains(core), "argv " + argv + " shown as " + shown);
                log.record(new RunLog.Entry("h1", "shell", shown, "exit=1", 3, g.of("", "token SWMTKN-1-" + core + "-x")));
            });
        }
        String text = Files.readString(file);
        assertFalse(text.contains("S3cr"), "the log holds a planted secret");
    }

    @Test
    void aCommandLineWithNoPlaceForASecretIsLoggedAsItIsSent() {
        Gen.forAll("an ordinary command line is logged as sent", TRIES, g -> {
            List<String> argv = new ArrayList<>();
            argv.add(g.of("systemctl", "docker", "ip", "cat", "test"));
            argv.addAll(g.list(0, 8, x -> x.bool() ? filler(x) : x.of("-j", "--format", "{{json .}}", "/etc/docker/daemon.json",
                    "it's", "a b", "PATH=/bin", "--name=ovl-etcd", "-e", "x")));
            if (argv.contains("-e")) {
                return; // `-e K=V` is an environment value wherever it is
            }
            assertEquals(RemoteCommand.of(argv).toShellString(), Redaction.argv(argv));
        });
    }

    @Test
    void aSessionsPasswordIsReplacedInAnyText() {
        Gen.forAll("a password is replaced in any text", TRIES, g -> {
            String pw = g.word("!#%&*+,-./:;<=>?@[]^_{|}~ '\"", 1, 24);
            Secret secret = Secret.of(pw.toCharArray(), "OVL_SUDO_PASSWORD");
            StringBuilder text = new StringBuilder();
            for (int i = g.between(1, 4); i > 0; i--) {
                text.append(g.anyString(12).replace(pw, "")).append(pw);
            }
            String redacted = secret.redact(text.toString());
            // The marker itself may hold a short password ("a", "red"): look between the markers.
            for (String rest : redacted.split(java.util.regex.Pattern.quote("<redacted: password from OVL_SUDO_PASSWORD>"),
                    -1)) {
                assertFalse(secret.appearsIn(rest), redacted);
            }
        });
    }
}
