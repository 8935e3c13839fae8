package io.ovl.ssh;

import io.ovl.core.OvlException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command sequence of {@link RemoteFiles}, against the FAKE shell (exact commands). That the
 * sequence really is atomic and keeps a backup on a real host is HostSessionIT / LabSshIT.
 */
class RemoteFilesTest {

    static final String PATH = "/etc/docker/daemon.json";
    static final String TMP = "/etc/docker/.daemon.json.ovl-tmp.T";
    static final byte[] NEW = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);

    static RemoteCommand read(String path) {
        return RemoteCommand.script("if [ -e \"$1\" ] || [ -L \"$1\" ]; then exec cat -- \"$1\"; else exit 100; fi", path);
    }

    static RemoteCommand upload() {
        return RemoteCommand.script("umask 077 && cat > \"$1\"", TMP).withStdin(NEW);
    }

    static RemoteCommand stat() {
        return RemoteCommand.of("stat", "-c", "%U %G %u %g %a", "--", PATH);
    }

    private final FakeRemoteShell fake = new FakeRemoteShell("node1");
    private final RemoteFiles files = new RemoteFiles(fake, "node1", () -> "T");

    @Test
    void createsThroughATemporaryFileWithoutBackup() {
        fake.on(read(PATH), 100, "", "")
                .on(upload(), "")
                .on(RemoteCommand.of("chown", "--", "root:docker", TMP), "")
                .on(RemoteCommand.of("chmod", "--", "0640", TMP), "")
                .on(RemoteCommand.of("mv", "-f", "--", TMP, PATH), "");
        assertEquals(RemoteFiles.WriteOutcome.CREATED, files.writeFileAtomically(PATH, NEW, "root", "docker", 0640));
        assertEquals(5, fake.calls().size());
        assertEquals(RemoteCommand.of("mv", "-f", "--", TMP, PATH), fake.calls().get(4), "the rename comes last");
    }

    @Test
    void replacingKeepsTheOldFileAsBackupBeforeTheRename() {
        fake.on(read(PATH), "{}\n")
                .on(upload(), "")
                .on(RemoteCommand.of("chown", "--", "root:root", TMP), "")
                .on(RemoteCommand.of("chmod", "--", "0644", TMP), "")
                .on(RemoteCommand.of("cp", "-p", "--", PATH, PATH + ".ovl-backup"), "")
                .on(RemoteCommand.of("mv", "-f", "--", TMP, PATH), "");
        assertEquals(RemoteFiles.WriteOutcome.REPLACED, files.writeFileAtomically(PATH, NEW, "root", "root", 0644));
        assertEquals(RemoteCommand.of("cp", "-p", "--", PATH, PATH + ".ovl-backup"), fake.calls().get(4));
    }

    @Test
    void sameContentOwnerAndModeWritesNothing() {
        fake.on(read(PATH), 0, NEW, "").on(stat(), "root root 0 0 644\n");
        assertEquals(RemoteFiles.WriteOutcome.UNCHANGED, files.writeFileAtomically(PATH, NEW, "root", "root", 0644));
        assertEquals(List.of(read(PATH), stat()), fake.calls());
    }

    @Test
    void failedStepRemovesTheTemporaryFileAndNamesHostAndStep() {
        fake.on(read(PATH), 100, "", "")
                .on(upload(), "")
                .on(RemoteCommand.of("chown", "--", "nobody:nogroup", TMP), 1, "", "chown: invalid user: 'nobody:nogroup'\n")
                .on(RemoteCommand.of("rm", "-f", "--", TMP), "");
        OvlException e = assertThrows(OvlException.class,
                () -> files.writeFileAtomically(PATH, NEW, "nobody", "nogroup", 0644));
        assertTrue(e.getMessage().startsWith("host node1: chown " + PATH + ": "), e.getMessage());
        assertEquals(RemoteCommand.of("rm", "-f", "--", TMP), fake.calls().get(fake.calls().size() - 1));
    }

    @Test
    void hostileOwnerOrRelativePathIsRefusedBeforeAnyCommand() {
        assertThrows(OvlException.class, () -> files.writeFileAtomically(PATH, NEW, "-R root", "root", 0644));
        assertThrows(OvlException.class, () -> files.writeFileAtomically(PATH, NEW, "root", "root;id", 0644));
        assertThrows(OvlException.class, () -> files.writeFileAtomically("etc/x", NEW, "root", "root", 0644));
        assertThrows(IllegalArgumentException.class, () -> files.writeFileAtomically(PATH, NEW, "root", "root", 010000));
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void readDistinguishesMissingFromUnreadable() {
        fake.on(read("/a"), 100, "", "").on(read("/b"), 0, new byte[] {0, 1}, "")
                .on(read("/c"), 1, "", "cat: /c: Permission denied\n");
        assertEquals(Optional.empty(), files.readFile("/a"));
        assertArrayEquals(new byte[] {0, 1}, files.readFile("/b").orElseThrow());
        OvlException e = assertThrows(OvlException.class, () -> files.readFile("/c"));
        assertTrue(e.getMessage().endsWith("cat: /c: Permission denied"), e.getMessage());
    }
}
