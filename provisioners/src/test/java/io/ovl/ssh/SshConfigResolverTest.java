package io.ovl.ssh;

import io.ovl.core.OvlException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Resolution through the REAL {@code ssh -G}, with a temporary config file passed as {@code -F}. */
class SshConfigResolverTest {

    @TempDir
    Path dir;
    Path home;
    Path config;
    SshEnvironment env;
    /** The hanging Match exec's sleep: a duration of its own per run, so it is told apart from another run's. */
    static final String STUCK = "6017." + (100000 + new java.util.Random().nextInt(900000));

    @BeforeEach
    void setUp() throws IOException {
        Optional<Path> ssh = SshEnvironment.findOnPath("ssh");
        assumeTrue(ssh.isPresent(), "skipped: no ssh client installed");
        home = Files.createDirectories(dir.resolve("home"));
        config = dir.resolve("config");
        Files.writeString(config, String.join("\n",
                "Host node2",
                "  HostName 198.18.1.12",
                "  User ovl",
                "  Port 2222",
                "  IdentityFile ~/.ssh/id_node2",
                "  IdentityFile %d/keys/%r@%h",
                "  ProxyJump admin@bastion:2200",
                "  UserKnownHostsFile ~/.ssh/kh_lab",
                "Host bastion",
                "  HostName 198.18.1.1",
                "Host piped",
                "  ProxyCommand nc %h %p",
                "Match host stuck exec \"sleep " + STUCK + "\"",
                "  Port 2299",
                "Match user deploy",
                "  Port 2200",
                "Host *",
                "  GlobalKnownHostsFile /dev/null",
                ""));
        env = new SshEnvironment(home, "localme", Optional.of(config), Optional.empty(), ssh);
    }

    @Test
    void aliasIsResolvedByOpenSsh() {
        SshEndpoint ep = new SshConfigResolver(env).resolve(SshTarget.of("node2", "node2"));
        assertEquals("198.18.1.12", ep.hostName());
        assertEquals("ovl", ep.user());
        assertEquals(2222, ep.port());
        assertEquals(List.of(home.resolve(".ssh/id_node2"), home.resolve("keys/ovl@198.18.1.12")), ep.identityFiles());
        // OpenSSH expands ~ in UserKnownHostsFile itself, with the account's real home directory.
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh/kh_lab"), ep.knownHostsFiles().get(0));
        assertEquals(1, ep.jumps().size());
        SshEndpoint jump = ep.jumps().get(0);
        assertEquals("198.18.1.1", jump.hostName()); // the jump host's own alias is resolved too
        assertEquals("admin", jump.user());
        assertEquals(2200, jump.port());
        assertEquals("node2 (jump host bastion)", jump.label());
    }

    @Test
    void explicitTopologyValuesWin() {
        SshTarget t = SshTarget.of("node2", "node2").withUser("root").withPort(22)
                .withProxyJump("198.18.1.9").withIdentityFiles(List.of(Path.of("/keys/topology")))
                .withKnownHostsFiles(List.of(Path.of("/project/known_hosts")));
        SshEndpoint ep = new SshConfigResolver(env).resolve(t);
        assertEquals("198.18.1.12", ep.hostName()); // HostName has no topology equivalent
        assertEquals("root", ep.user());
        assertEquals(22, ep.port());
        assertEquals("198.18.1.9", ep.jumps().get(0).hostName());
        assertEquals(Path.of("/keys/topology"), ep.identityFiles().get(0));
        assertTrue(ep.identityFiles().contains(home.resolve(".ssh/id_node2")), "config keys are still tried");
        assertEquals(List.of(Path.of("/project/known_hosts"), Path.of(System.getProperty("user.home"), ".ssh/kh_lab"),
                Path.of("/dev/null")), ep.knownHostsFiles());
    }

    @Test
    void topologyUserIsSeenByMatchBlocks() {
        SshEndpoint ep = new SshConfigResolver(env).resolve(SshTarget.of("n", "198.18.1.20").withUser("deploy"));
        assertEquals(2200, ep.port());
    }

    @Test
    void unconfiguredHostGetsOpenSshDefaults() {
        SshEndpoint ep = new SshConfigResolver(env).resolve(SshTarget.of("n", "198.18.1.20"));
        assertEquals("198.18.1.20", ep.hostName());
        assertEquals(22, ep.port());
        assertEquals(System.getProperty("user.name"), ep.user()); // ssh -G reports the local account
        assertTrue(ep.jumps().isEmpty());
        assertTrue(ep.identityFiles().contains(home.resolve(".ssh/id_ed25519")));
    }

    @Test
    void proxyCommandIsRefusedWithTheHostName() {
        OvlException e = assertThrows(OvlException.class,
                () -> new SshConfigResolver(env).resolve(SshTarget.of("node7", "piped")));
        assertTrue(e.getMessage().startsWith("host node7: the ssh config sets ProxyCommand nc"), e.getMessage());
    }

    /** Real ssh -G with a config whose Match exec never returns: bounded, named, and nothing left running. */
    @Test
    @org.junit.jupiter.api.Timeout(60) // without the bound this would wait for the sleep: fail instead of hanging
    void anSshConfigThatHangsIsBoundedAndNamed() {
        OvlException e = assertThrows(OvlException.class,
                () -> new SshConfigResolver(env, 2).resolve(SshTarget.of("node8", "stuck")));
        assertEquals(io.ovl.core.ExitCode.HOST_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("host node8: resolve ssh config: "), e.getMessage());
        assertTrue(e.getMessage().contains("did not finish in 2s"), e.getMessage());
        // Killing is asynchronous: the sleep must be gone within a few seconds, not run on for 6017.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (stuckSleepRuns() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
        }
        assertTrue(!stuckSleepRuns(), "the Match exec's sleep was left running");
    }

    @Test
    void withoutAnSshClientTopologyAndDefaultsApply() {
        SshEndpoint ep = new SshConfigResolver(env.withoutSshClient()).resolve(SshTarget.of("n", "node2"));
        assertEquals("node2", ep.hostName());
        assertEquals("localme", ep.user());
        assertEquals(22, ep.port());
        assertEquals(home.resolve(".ssh/known_hosts"), ep.knownHostsFiles().get(0));
    }

    @Test
    void jumpChainsAndPortForms() {
        SshEndpoint ep = new SshConfigResolver(env).resolve(
                SshTarget.of("n", "198.18.1.20").withProxyJump("u1@198.18.1.2:2201,ssh://u2@[198.18.1.3]:2202"));
        assertEquals(2, ep.jumps().size());
        assertEquals("u1", ep.jumps().get(0).user());
        assertEquals(2201, ep.jumps().get(0).port());
        assertEquals("198.18.1.3", ep.jumps().get(1).hostName());
        assertEquals(2202, ep.jumps().get(1).port());
    }

    private static boolean stuckSleepRuns() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep " + STUCK));
    }
}
