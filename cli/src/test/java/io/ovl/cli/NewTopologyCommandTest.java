package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovl new topology} through the real CommandLine, with captured stdout and stderr. Hosts are
 * loopback addresses with a closed port, so SSH really fails to connect (fast, no lab needed); the
 * drafting itself is unit-tested in io.ovl.draft, the whole command on lab hosts in NewTopologyLabIT.
 */
class NewTopologyCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpTeachesWithAnExample() {
        Cli.Run r = Cli.run("new", "topology", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ovl new topology --user ovl --become sudo -o topology.yaml \\\n"
                + "      198.18.0.11 198.18.0.12 198.18.0.13"), r.out());
        assertTrue(r.out().contains("kv only when every host runs Engine < 23"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
        Cli.Run group = Cli.run("new", "--help");
        assertTrue(group.out().contains("topology"), group.out());
    }

    @Test
    void anExistingFileIsKeptWithoutForceAndNoHostIsContacted() throws IOException {
        Path file = Files.writeString(dir.resolve("topology.yaml"), "mine\n");
        Cli.Run r = Cli.run("new", "topology", "-o", file.toString(), "127.0.0.2:1");
        assertEquals(2, r.exit(), r.err());
        assertEquals("ovl: " + file + " exists; pass --force to overwrite it, or choose another -o FILE\n", r.err());
        assertEquals("mine\n", Files.readString(file));
        assertEquals("", r.out());
    }

    @Test
    void badArgumentsAreUsageErrorsOnOneLine() {
        Cli.Run host = Cli.run("new", "topology", "a b");
        assertEquals(2, host.exit());
        assertTrue(host.err().startsWith("ovl: host 'a b': 'a b' is not a host name or address"), host.err());
        Cli.Run become = Cli.run("new", "topology", "--become", "doas", "h1");
        assertEquals(2, become.exit());
        assertTrue(become.err().startsWith("ovl: --become must be sudo or none, got 'doas'"), become.err());
        Cli.Run port = Cli.run("new", "topology", "--port", "0", "h1");
        assertEquals(2, port.exit());
        assertTrue(port.err().startsWith("ovl: --port must be 1-65535, got 0"), port.err());
        Cli.Run twice = Cli.run("new", "topology", "h1", "h1");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().startsWith("ovl: host 'h1' is given twice"), twice.err());
        Cli.Run none = Cli.run("new", "topology");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("HOST"), none.err());
        Cli.Run dirOut = Cli.run("new", "topology", "-o", dir.toString(), "h1");
        assertEquals(2, dirOut.exit());
        assertTrue(dirOut.err().contains("is a directory"), dirOut.err());
    }

    @Test
    void anUnreachableHostWritesNothingAndExits3NamingIt() throws IOException {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path file = dir.resolve("topology.yaml");
        Cli.Run r = Cli.run("new", "topology", "--user", "root", "--known-hosts", knownHosts.toString(), "-o",
                file.toString(), "127.0.0.2:1", "127.0.0.3:1");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("new topology: 127.0.0.2:1: connecting, reading facts"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("ovl: ") && l.contains("127.0.0.2") && l.contains("127.0.0.3")
                && l.endsWith("nothing written (every host must answer to draft its topology)")), r.err());
        assertFalse(Files.exists(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "only known_hosts is left");
        }
        assertEquals("", r.out());
    }
}
