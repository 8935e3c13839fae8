package io.ovl.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RemoteCommandTest {

    static final String[] HOSTILE = {
            "; rm -rf /", "$(id)", "`id`", "a'b", "\"quoted\"", "line1\nline2", "-rf", "--help",
            "*", "~root", "$HOME", "a b\tc", "", "'", "\\", "!x", "#comment", "a&&b|c>d<e", "é ü 日本",
    };

    @Test
    void safeWordsStayReadable() {
        assertEquals("docker network create my-net_1", RemoteCommand.of("docker", "network", "create", "my-net_1")
                .toShellString());
        assertEquals("chown -- root:root /etc/docker/daemon.json",
                RemoteCommand.of("chown", "--", "root:root", "/etc/docker/daemon.json").toShellString());
    }

    @Test
    void everythingElseIsSingleQuoted() {
        assertEquals("''", RemoteCommand.quote(""));
        assertEquals("'; rm -rf /'", RemoteCommand.quote("; rm -rf /"));
        assertEquals("'$(id)'", RemoteCommand.quote("$(id)"));
        assertEquals("'a'\\''b'", RemoteCommand.quote("a'b"));
        assertEquals("'~root'", RemoteCommand.quote("~root"));
    }

    @Test
    void sudoWrapsWithNonInteractiveAndEndOfOptions() {
        RemoteCommand cmd = RemoteCommand.of("docker", "info").withStdin(new byte[] {1, 2});
        RemoteCommand sudo = cmd.withSudo();
        assertEquals(List.of("sudo", "-n", "--", "docker", "info"), sudo.argv());
        assertArrayEquals(new byte[] {1, 2}, sudo.stdin().orElseThrow());
    }

    @Test
    void scriptPassesValuesAsPositionalParameters() {
        RemoteCommand cmd = RemoteCommand.script("cat > \"$1\"", "/tmp/x y");
        assertEquals(List.of("sh", "-c", "cat > \"$1\"", "sh", "/tmp/x y"), cmd.argv());
    }

    @Test
    void nulBytesAreRefusedNotTruncated() {
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.of("echo", "a\0b"));
    }

    @Test
    void equalityIncludesStdinContent() {
        RemoteCommand a = RemoteCommand.of("cat").withStdin("x".getBytes(StandardCharsets.UTF_8));
        assertEquals(a, RemoteCommand.of("cat").withStdin("x".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(a, RemoteCommand.of("cat").withStdin("y".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(a, RemoteCommand.of("cat"));
    }

    /**
     * The quoted string, parsed by a real POSIX sh (dash here, as the login shell of Debian's root
     * is bash and dash/bash agree on single quotes), yields each value as exactly one argument.
     * The same check over a real sshd is in HostSessionIT.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void realShellsSeeEachHostileValueAsOneArgument(String shell) throws IOException, InterruptedException {
        Path shellPath = Path.of("/bin", shell);
        assumeTrue(Files.isExecutable(shellPath), shell + " not installed");
        for (String value : HOSTILE) {
            String line = RemoteCommand.of("printf", "%s\\0", "first", value, "last").toShellString();
            Process p = new ProcessBuilder(shellPath.toString(), "-c", line).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
            assertArrayEquals(("first\0" + value + "\0last\0").getBytes(StandardCharsets.UTF_8), out,
                    "value " + value);
        }
    }
}
