package io.ovl.ssh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parsing of {@code ssh -G} output captured from OpenSSH 9.2 (test resources). */
class OpenSshSettingsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = OpenSshSettingsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsAConfiguredAlias() throws IOException {
        // Captured: ssh -G -F config node2, where config has HostName, User, Port, two IdentityFile,
        // ProxyJump, UserKnownHostsFile and ConnectTimeout for Host node2.
        OpenSshSettings s = OpenSshSettings.parse(resource("ssh-G-node2.txt"));
        assertEquals("198.18.1.12", s.hostName());
        assertEquals(Optional.of("ovl"), s.user());
        assertEquals(Optional.of(2222), s.port());
        assertEquals(List.of("~/.ssh/id_node2", "/etc/ovl/key_%h"), s.identityFiles());
        assertEquals(List.of("/root/.ssh/known_hosts_lab"), s.userKnownHostsFiles());
        assertEquals(List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"), s.globalKnownHostsFiles());
        assertEquals(Optional.of("admin@bastion:2200"), s.proxyJump());
        assertEquals(Optional.of(Duration.ofSeconds(7)), s.connectTimeout());
        assertEquals(Optional.empty(), s.proxyCommand());
    }

    @Test
    void readsDefaultsWhenNothingIsConfigured() throws IOException {
        OpenSshSettings s = OpenSshSettings.parse(resource("ssh-G-plain.txt"));
        assertEquals("198.18.1.13", s.hostName());
        assertEquals(Optional.of(22), s.port());
        assertEquals(Optional.empty(), s.connectTimeout()); // "connecttimeout none"
        assertEquals(Optional.empty(), s.proxyJump());
        assertEquals("~/.ssh/id_rsa", s.identityFiles().get(0));
        assertEquals(List.of("/root/.ssh/known_hosts", "/root/.ssh/known_hosts2"), s.userKnownHostsFiles());
    }

    @Test
    void refusesTextThatIsNotSshGOutput() {
        assertThrows(IllegalArgumentException.class, () -> OpenSshSettings.parse("usage: ssh [-46A...]\n"));
    }
}
