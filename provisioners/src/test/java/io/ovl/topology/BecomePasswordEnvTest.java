package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.access.HostAccess;
import io.ovl.core.Finding;
import io.ovl.ssh.SshTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ssh.become-password-env} and {@code become: doas}: read, merged, refused where they cannot work. */
class BecomePasswordEnvTest {
    static LoadResult load(String yaml) {
        return new TopologyLoader(Path.of("/home/me")).parse("topology.yaml", yaml, Path.of("/etc/ovl"));
    }

    static List<String> errors(String yaml) {
        return load(yaml).errors().stream().map(Finding::format).toList();
    }

    @Test
    void theDefaultsNameTheVariableAndEveryHostInheritsIt() {
        Topology t = load("""
                mode: swarm
                ssh: {user: ovl, become: sudo, become-password-env: OVL_SUDO_PASSWORD}
                hosts:
                  - {name: h1, address: 198.18.0.11}
                  - {name: h2, address: 198.18.0.12, ssh: {become-password-env: H2_SUDO}}
                  - {name: h3, address: 198.18.0.13, ssh: {user: root, become: none}}
                """).orThrow();
        assertEquals(Optional.of("OVL_SUDO_PASSWORD"), t.hosts().get(0).ssh().becomePasswordEnv());
        assertEquals(Optional.of("H2_SUDO"), t.hosts().get(1).ssh().becomePasswordEnv());
        // A root host that inherits the variable simply has no use for it.
        assertEquals(Become.NONE, t.hosts().get(2).ssh().become());

        HostAccess access = new HostAccess(Path.of("/etc/ovl"));
        assertEquals(Optional.of("OVL_SUDO_PASSWORD"), access.target(t.hosts().get(0)).becomePasswordEnv());
        assertEquals(Optional.of("H2_SUDO"), access.target(t.hosts().get(1)).becomePasswordEnv());
        assertEquals(Optional.empty(), access.target(t.hosts().get(2)).becomePasswordEnv());
        assertEquals(SshTarget.Become.NONE, access.target(t.hosts().get(2)).become());
    }

    @Test
    void doasIsABecomeChoice() {
        Topology t = load("mode: swarm\nssh: {user: ovl, become: doas}\nhosts: [{name: h1, address: 198.18.0.11}]\n").orThrow();
        assertEquals(Become.DOAS, t.hosts().get(0).ssh().become());
        assertEquals(SshTarget.Become.DOAS, new HostAccess(Path.of("/etc/ovl")).target(t.hosts().get(0)).become());
    }

    @Test
    void aValueThatIsNoVariableNameIsRefusedWithoutEchoingIt() {
        List<String> l = errors("mode: swarm\nssh: {become: sudo, become-password-env: 'hunter2!'}\n"
                + "hosts: [{name: h1, address: b}]\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:2:42: ssh.become-password-env: not the name of an environment"
                + " variable (the value is not shown: it may be a password)"), l.get(0));
        assertFalse(l.get(0).contains("hunter2"), l.get(0));
        // A host's own value: its own line and column.
        List<String> h = errors("mode: swarm\nhosts:\n  - {name: h1, address: b, ssh: {become: sudo, become-password-env: 9lives}}\n");
        assertEquals(1, h.size(), h.toString());
        assertTrue(h.get(0).startsWith("topology.yaml:3:69: hosts[0].ssh.become-password-env: not the name"), h.get(0));
        assertFalse(h.get(0).contains("9lives"), h.get(0));
    }

    @Test
    void doasWithAPasswordIsRefusedWhereItIsWritten() {
        List<String> l = errors("mode: swarm\nssh: {become: doas, become-password-env: OVL_PW}\n"
                + "hosts: [{name: h1, address: b}, {name: h2, address: c}]\n");
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:2:42: ssh.become-password-env: become: doas cannot take a password;"
                + " use a `permit nopass USER as root` rule in /etc/doas.conf"), l.get(0));
        assertTrue(l.get(0).contains("doas reads a password from a terminal only"), l.get(0));
        // ... and no host can use the variable, which is said once, at the same key.
        assertTrue(l.get(1).startsWith("topology.yaml:2:42: ssh.become-password-env: no host has become: sudo"), l.get(1));

        List<String> host = errors("mode: swarm\nssh: {become: sudo, become-password-env: OVL_PW}\nhosts:\n"
                + "  - {name: h1, address: b}\n  - {name: h2, address: c, ssh: {become: doas}}\n");
        assertEquals(List.of("topology.yaml:5:42: hosts[1].ssh.become: host h2: become: doas cannot take a password"
                + " (become-password-env OVL_PW); use a `permit nopass USER as root` rule in /etc/doas.conf and remove"
                + " become-password-env, or use become: sudo (doas reads a password from a terminal only, ovl cannot"
                + " give it one)"), host);
    }

    @Test
    void aHostsOwnVariableWithoutSudoIsRefused() {
        List<String> l = errors("mode: swarm\nhosts:\n  - {name: h1, address: b, ssh: {become-password-env: OVL_PW}}\n");
        assertEquals(List.of("topology.yaml:3:55: hosts[0].ssh.become-password-env: host h1: become-password-env is set"
                + " but become is none; set become: sudo for this host, or remove become-password-env"), l);
    }

    @Test
    void anUnknownBecomeSuggestsTheNearestChoice() {
        List<String> l = errors("mode: swarm\nssh: {become: dosa}\nhosts: [{name: h1, address: b}]\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).contains("'dosa' is not valid here"), l.get(0));
        assertTrue(l.get(0).contains("did you mean 'doas'?"), l.get(0));
    }
}
