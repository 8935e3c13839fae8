package io.ovl.ssh;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * known_hosts lookups and the refusals users read. Keys and hashed files are made by the real
 * ssh-keygen; fingerprints are compared with ssh-keygen -l.
 */
class KnownHostsTest {

    @TempDir
    Path dir;
    PublicKey hostKey;
    PublicKey otherKey;
    String hostKeyLine;

    @BeforeEach
    void keys() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "skipped: ssh-keygen not installed");
        Path k1 = TestKeys.generate(dir.resolve("k1"), "ed25519", "");
        Path k2 = TestKeys.generate(dir.resolve("k2"), "ed25519", "");
        hostKeyLine = TestKeys.publicKey(k1);
        hostKey = readPub(hostKeyLine);
        otherKey = readPub(TestKeys.publicKey(k2));
    }

    static PublicKey readPub(String line) throws IOException {
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(line.split("\\s+")[1])).readPublicKey();
        } catch (Buffer.BufferException e) {
            throw new IOException(e);
        }
    }

    private String keyPart() {
        String[] f = hostKeyLine.split("\\s+");
        return f[0] + " " + f[1];
    }

    @Test
    void fingerprintMatchesSshKeygen() throws IOException {
        Path pub = dir.resolve("k1/id_ed25519.pub");
        String keygen = TestKeys.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()));
        assertEquals(keygen.split("\\s+")[1], HostKeys.sha256Fingerprint(hostKey));
        assertEquals("ED25519", HostKeys.shortType(hostKey));
    }

    @Test
    void nonDefaultPortsUseBracketForm() {
        assertEquals("198.18.1.12", HostKeys.knownHostsName("198.18.1.12", 22));
        assertEquals("[node2.example]:2222", HostKeys.knownHostsName("Node2.Example", 2222));
    }

    /** As OpenSSH writes them: a bare IPv6 address on port 22, {@code [addr]:port} on any other. */
    @Test
    void anIpv6HostIsMatchedBareOnPort22AndBracketedOnOtherPorts() throws IOException {
        assertEquals("fd6f:766c:6162:154::11", HostKeys.knownHostsName("FD6F:766c:6162:154::11", 22));
        assertEquals("[fd6f:766c:6162:154::11]:2222", HostKeys.knownHostsName("fd6f:766c:6162:154::11", 2222));
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "fd6f:766c:6162:154::11,v6-h1 " + keyPart() + "\n[fd6f:766c:6162:154::12]:2222,[v6-h2]:2222 "
                + keyPart() + "\n");
        KnownHostsFiles files = KnownHostsFiles.read(List.of(kh));
        assertEquals(new KnownHostsCheck.Known(kh, 1), files.check(HostKeys.knownHostsName("fd6f:766c:6162:154::11", 22), hostKey));
        assertEquals(new KnownHostsCheck.Known(kh, 2), files.check(HostKeys.knownHostsName("fd6f:766c:6162:154::12", 2222), hostKey));
        assertInstanceOf(KnownHostsCheck.Unknown.class, files.check(HostKeys.knownHostsName("fd6f:766c:6162:154::12", 22), hostKey));
        assertInstanceOf(KnownHostsCheck.Unknown.class, files.check(HostKeys.knownHostsName("fd6f:766c:6162:154::11", 2222), hostKey));
    }

    @Test
    void plainEntryIsKnownOnlyOnItsPort() throws IOException {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "# comment\n[127.0.0.1]:2222 " + keyPart() + "\n");
        KnownHostsFiles files = KnownHostsFiles.read(List.of(kh));
        assertEquals(new KnownHostsCheck.Known(kh, 2), files.check("[127.0.0.1]:2222", hostKey));
        assertInstanceOf(KnownHostsCheck.Unknown.class, files.check("127.0.0.1", hostKey));
    }

    @Test
    void hashedEntriesMadeBySshKeygenAreFound() throws IOException {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "198.18.1.12 " + keyPart() + "\n[198.18.1.13]:2222 " + keyPart() + "\n");
        TestKeys.run(List.of("ssh-keygen", "-H", "-f", kh.toString()));
        String hashed = Files.readString(kh);
        assertFalse(hashed.contains("198.18.1.12"), "ssh-keygen -H hashed the names");
        assertTrue(hashed.startsWith("|1|"));
        KnownHostsFiles files = KnownHostsFiles.read(List.of(kh));
        assertInstanceOf(KnownHostsCheck.Known.class, files.check("198.18.1.12", hostKey));
        assertInstanceOf(KnownHostsCheck.Known.class, files.check("[198.18.1.13]:2222", hostKey));
        assertInstanceOf(KnownHostsCheck.Unknown.class, files.check("198.18.1.14", hostKey));
        assertEquals(new KnownHostsCheck.Changed(kh, 1), files.check("198.18.1.12", otherKey));
    }

    @Test
    void changedKeyNamesFileAndLineOfTheOldEntry() throws IOException {
        Path first = dir.resolve("user_known_hosts");
        Path second = dir.resolve("project_known_hosts");
        Files.writeString(first, "other.host " + keyPart() + "\n");
        Files.writeString(second, "\n\nnode2.lab " + keyPart() + "\n");
        KnownHostsCheck check = KnownHostsFiles.read(List.of(first, second)).check("node2.lab", otherKey);
        assertEquals(new KnownHostsCheck.Changed(second, 3), check);
    }

    @Test
    void revokedKeyIsRefusedEvenWhenAlsoListed() throws IOException {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "node2.lab " + keyPart() + "\n@revoked * " + keyPart() + "\n");
        assertEquals(new KnownHostsCheck.Revoked(kh, 2), KnownHostsFiles.read(List.of(kh)).check("node2.lab", hostKey));
    }

    private SshEndpoint endpoint(List<Path> files, SshTarget.HostKeyPolicy policy, int port) {
        return new SshEndpoint("node2", "198.18.1.12", port, "ovl", List.of(), files, files, Optional.empty(), List.of(),
                policy, SshTarget.Become.NONE, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    @Test
    void strictRefusesUnknownWithFingerprintAndHowToAccept() {
        Path kh = dir.resolve("known_hosts");
        KnownHostsVerifier v = new KnownHostsVerifier(endpoint(List.of(kh), SshTarget.HostKeyPolicy.STRICT, 2222),
                new KnownHostsWriter());
        assertFalse(v.verify("ignored", 0, hostKey));
        String msg = v.refusal().orElseThrow();
        assertTrue(msg.startsWith("host node2: unknown host key for [198.18.1.12]:2222: ED25519 key "
                + HostKeys.sha256Fingerprint(hostKey)), msg);
        assertTrue(msg.contains("ssh -p 2222 -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=" + kh
                + " ovl@198.18.1.12 true"), msg);
        assertTrue(msg.contains("ssh-keyscan -p 2222 -t ed25519 198.18.1.12 >> " + kh), msg);
        assertTrue(msg.contains("host-key-policy: accept-new"), msg);
        assertFalse(Files.exists(kh), "strict never writes");
    }

    @Test
    void acceptNewRecordsInFirstWritableFileThenStillRefusesAChangedKey() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Path missingDir = notADirectory.resolve("known_hosts"); // cannot be created: its parent is a file
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "other.host " + keyPart()); // no trailing newline
        SshEndpoint ep = endpoint(List.of(missingDir, kh), SshTarget.HostKeyPolicy.ACCEPT_NEW, 22);
        assertTrue(new KnownHostsVerifier(ep, new KnownHostsWriter()).verify("x", 22, hostKey));
        List<String> lines = Files.readAllLines(kh);
        assertEquals("198.18.1.12 " + keyPart(), lines.get(1));

        KnownHostsVerifier again = new KnownHostsVerifier(ep, new KnownHostsWriter());
        assertFalse(again.verify("x", 22, otherKey));
        String msg = again.refusal().orElseThrow();
        assertTrue(msg.startsWith("host node2: WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for 198.18.1.12!"), msg);
        assertTrue(msg.contains("the old key is at " + kh + ":2"), msg);
        assertTrue(msg.contains("ssh-keygen -f " + kh + " -R '198.18.1.12'"), msg);
        assertEquals(2, Files.readAllLines(kh).size(), "a changed key is never recorded");
    }

    @Test
    void acceptNewCreatesAMissingSshDirectoryButNeverWritesGlobalFiles() throws IOException {
        Path userFile = dir.resolve("home/.ssh/known_hosts");
        Path global = Files.writeString(dir.resolve("ssh_known_hosts"), "");
        SshEndpoint ep = new SshEndpoint("node2", "198.18.1.12", 22, "ovl", List.of(), List.of(userFile, global),
                List.of(userFile), Optional.empty(), List.of(), SshTarget.HostKeyPolicy.ACCEPT_NEW,
                SshTarget.Become.NONE, Duration.ofSeconds(10), Duration.ofSeconds(60));
        assertTrue(new KnownHostsVerifier(ep, new KnownHostsWriter()).verify("x", 22, hostKey));
        assertEquals("198.18.1.12 " + keyPart(), Files.readString(userFile).strip());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(userFile.getParent())));
        assertEquals("", Files.readString(global));
    }

    @Test
    void recordedEntryIsReadByOpenSsh() throws IOException {
        Path kh = dir.resolve("known_hosts");
        SshEndpoint ep = endpoint(List.of(kh), SshTarget.HostKeyPolicy.ACCEPT_NEW, 2222);
        assertTrue(new KnownHostsVerifier(ep, new KnownHostsWriter()).verify("x", 2222, hostKey));
        String found = TestKeys.run(List.of("ssh-keygen", "-F", "[198.18.1.12]:2222", "-f", kh.toString()));
        assertTrue(found.contains(keyPart()), found);
    }
}
