package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.CreateNetworkResponse;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.ovl.lab.Lab;
import io.ovl.lab.LabHost;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * The SSH transport against REAL Docker Engines 20.10 and 26 in this package's own lab, over
 * SSHJ connections with strict host key checking. Skips, saying why, when not root or when the
 * lab cannot start (see {@link Lab}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshDockerTransportIT {

    /** Liveness guard for a container that should exit at once; not a timing assertion. */
    private static final long GUARD_SECONDS = 120;
    /** The lab's image made by docker import; there is no registry. */
    private static final String BUSYBOX = "local/busybox:1";

    private Lab lab;
    private String skipReason = "";

    /*
     * An abort in @BeforeAll shows up as zero tests run; remembered and raised per test, each
     * test is reported as skipped with the reason.
     */
    @BeforeAll
    void startLab() {
        try {
            lab = Lab.start(Lab.uniqueName("docker"), List.of("20.10", "26"), 0);
        } catch (TestAbortedException e) {
            skipReason = e.getMessage();
        }
    }

    @BeforeEach
    void needsTheLab() {
        assumeTrue(lab != null, skipReason);
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "Engine {0}")
    @ValueSource(strings = {"20.10", "26"})
    void infoAndVersionOverTheSocketChannel(String engine) throws IOException {
        LabHost host = lab.hostWithEngine(engine);
        try (SSHClient ssh = connect(host, "root")) {
            DockerClient docker = DockerClients.over(ssh, false, host.name());

            Info info = docker.infoCmd().exec();
            Version version = docker.versionCmd().exec();

            System.out.printf("%s: docker info: ServerVersion=%s ID=%s Name=%s; API %s%n",
                    host.name(), info.getServerVersion(), info.getId(), info.getName(), version.getApiVersion());
            assertTrue(info.getServerVersion().startsWith(engine + "."), info.getServerVersion());
            assertEquals(host.name(), info.getName());
            assertFalse(info.getId().isBlank());
            // Unversioned paths: each daemon answers at its own current API version.
            assertEquals(engine.equals("20.10") ? "1.41" : "1.45", version.getApiVersion());
        }
    }

    @Test
    void theTwoEnginesAreDifferentDaemons() throws IOException {
        assertNotEquals(infoAsRoot(lab.hostWithEngine("20.10")).getId(), infoAsRoot(lab.hostWithEngine("26")).getId());
    }

    @ParameterizedTest(name = "Engine {0}")
    @ValueSource(strings = {"20.10", "26"})
    void createInspectAndRemoveANetwork(String engine) throws IOException {
        LabHost host = lab.hostWithEngine(engine);
        String name = "ovl-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (SSHClient ssh = connect(host, "root")) {
            DockerClient docker = DockerClients.over(ssh, false, host.name());

            CreateNetworkResponse created = docker.createNetworkCmd().withName(name).withDriver("bridge").exec();
            assertEquals(name, docker.inspectNetworkCmd().withNetworkId(created.getId()).exec().getName());

            docker.removeNetworkCmd(created.getId()).exec();
            assertThrows(NotFoundException.class,
                    () -> docker.inspectNetworkCmd().withNetworkId(created.getId()).exec());
        }
    }

    @ParameterizedTest(name = "Engine {0}")
    @ValueSource(strings = {"20.10", "26"})
    void runAContainerWaitReadItsStreamedLogsAndListIt(String engine) throws Exception {
        LabHost host = lab.hostWithEngine(engine);
        String name = "ovl-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (SSHClient ssh = connect(host, "root")) {
            DockerClient docker = DockerClients.over(ssh, false, host.name());
            CreateContainerResponse container = docker.createContainerCmd(BUSYBOX).withName(name)
                    .withCmd("sh", "-c", "echo out-line; echo err-line >&2; exit 3").exec();
            try {
                docker.startContainerCmd(container.getId()).exec();
                int status = docker.waitContainerCmd(container.getId())
                        .exec(new WaitContainerResultCallback()).awaitStatusCode(GUARD_SECONDS, TimeUnit.SECONDS);
                assertEquals(3, status);

                Output logs = new Output();
                docker.logContainerCmd(container.getId()).withStdOut(true).withStdErr(true).exec(logs);
                assertTrue(logs.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
                assertEquals("out-line\n", logs.text(StreamType.STDOUT));
                assertEquals("err-line\n", logs.text(StreamType.STDERR));

                List<Container> listed = docker.listContainersCmd().withShowAll(true)
                        .withNameFilter(List.of(name)).exec();
                assertEquals(1, listed.size());
                assertEquals(container.getId(), listed.get(0).getId());
                assertEquals("exited", listed.get(0).getState());
            } finally {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        }
    }

    /** docker-java hijacks the connection for exec stdin: Upgrade, then a raw stream both ways. */
    @ParameterizedTest(name = "Engine {0}")
    @ValueSource(strings = {"20.10", "26"})
    void execWithStdinOverTheHijackedStream(String engine) throws Exception {
        LabHost host = lab.hostWithEngine(engine);
        try (SSHClient ssh = connect(host, "root")) {
            DockerClient docker = DockerClients.over(ssh, false, host.name());
            CreateContainerResponse container = docker.createContainerCmd(BUSYBOX)
                    .withName("ovl-it-" + UUID.randomUUID().toString().substring(0, 8))
                    .withCmd("sleep", "600").exec();
            try {
                docker.startContainerCmd(container.getId()).exec();
                ExecCreateCmdResponse exec = docker.execCreateCmd(container.getId())
                        .withAttachStdin(true).withAttachStdout(true).withCmd("cat").exec();

                Output output = new Output();
                docker.execStartCmd(exec.getId())
                        .withStdIn(new ByteArrayInputStream("ping over ssh\n".getBytes(StandardCharsets.UTF_8)))
                        .exec(output);

                // cat ends only when the end of stdin reached it: the half-close went through.
                assertTrue(output.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
                assertEquals("ping over ssh\n", output.text(StreamType.STDOUT));
                assertEquals(0L, docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong());
            } finally {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        }
    }

    @ParameterizedTest(name = "Engine {0}")
    @ValueSource(strings = {"20.10", "26"})
    void nonRootUserIsRefusedTheSocketWithAHelpfulErrorAndSudoDialStdioWorks(String engine) throws IOException {
        LabHost host = lab.hostWithEngine(engine);
        String rootId = infoAsRoot(host).getId();
        try (SSHClient ssh = connect(host, "ovl")) {
            OvlException refused = assertThrows(OvlException.class,
                    () -> DockerClients.over(ssh, false, host.name()).infoCmd().exec());
            System.out.printf("%s as ovl without sudo: %s%n", host.name(), refused.getMessage());
            assertEquals(ExitCode.HOST_FAILED, refused.exitCode());
            assertTrue(refused.getMessage().startsWith("host " + host.name() + ":"), refused.getMessage());
            assertTrue(refused.getMessage().contains("/var/run/docker.sock"), refused.getMessage());
            assertTrue(refused.getMessage().contains("become: sudo"), refused.getMessage());
            assertTrue(refused.getMessage().contains("docker system dial-stdio"), refused.getMessage());

            Info viaSudo = DockerClients.over(ssh, true, host.name()).infoCmd().exec();
            assertEquals(rootId, viaSudo.getId());
        }
    }

    /** Fault injection: sshd with Unix socket forwarding off refuses even root, and the error says what to do. */
    @Test
    void sshdWithoutStreamLocalForwardingIsReportedWithTheFix() throws IOException {
        LabHost host = lab.hostWithEngine("26");
        lab.exec(host, "sh", "-c", "echo 'AllowStreamLocalForwarding no' >/etc/ssh/sshd_config.d/00-ovl-it.conf");
        lab.restartSsh(host);
        try (SSHClient ssh = connect(host, "root")) {
            OvlException e = assertThrows(OvlException.class,
                    () -> DockerClients.over(ssh, false, host.name()).infoCmd().exec());

            System.out.printf("%s as root, forwarding off: %s%n", host.name(), e.getMessage());
            assertTrue(e.getMessage().startsWith("host " + host.name() + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("AllowStreamLocalForwarding"), e.getMessage());
            assertTrue(e.getMessage().contains("become: sudo"), e.getMessage());

            // The same connection still serves Docker through dial-stdio (root needs no password).
            assertTrue(DockerClients.over(ssh, true, host.name()).infoCmd().exec().getServerVersion().startsWith("26."));
        } finally {
            lab.exec(host, "rm", "-f", "/etc/ssh/sshd_config.d/00-ovl-it.conf");
            lab.restartSsh(host);
        }
    }

    /** Fault injection: without its sudoers entry, sudo -n refuses and the error quotes it. */
    @Test
    void sudoWantingAPasswordIsReportedWithWhatSudoSaid() throws IOException {
        LabHost host = lab.hostWithEngine("20.10");
        lab.exec(host, "mv", "/etc/sudoers.d/ovl", "/root/ovl.sudoers");
        try (SSHClient ssh = connect(host, "ovl")) {
            OvlException e = assertThrows(OvlException.class,
                    () -> DockerClients.over(ssh, true, host.name()).infoCmd().exec());

            System.out.printf("%s as ovl with sudo but no sudoers entry: %s%n", host.name(), e.getMessage());
            assertEquals(ExitCode.HOST_FAILED, e.exitCode());
            assertTrue(e.getMessage().startsWith("host " + host.name() + ": Docker API GET /info failed:"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("sudo -n docker system dial-stdio"), e.getMessage());
            assertTrue(e.getMessage().contains("password is required"), e.getMessage());
        } finally {
            lab.exec(host, "mv", "/root/ovl.sudoers", "/etc/sudoers.d/ovl");
        }
    }

    @Test
    void sudoDialStdioCarriesStreamedLogsToo() throws Exception {
        LabHost host = lab.hostWithEngine("26");
        try (SSHClient ssh = connect(host, "ovl")) {
            DockerClient docker = DockerClients.over(ssh, true, host.name());
            CreateContainerResponse container = docker.createContainerCmd(BUSYBOX)
                    .withCmd("sh", "-c", "for i in 1 2 3; do echo line-$i; done").exec();
            try {
                docker.startContainerCmd(container.getId()).exec();
                assertEquals(0, docker.waitContainerCmd(container.getId())
                        .exec(new WaitContainerResultCallback()).awaitStatusCode(GUARD_SECONDS, TimeUnit.SECONDS));
                Output logs = new Output();
                docker.logContainerCmd(container.getId()).withStdOut(true).exec(logs);
                assertTrue(logs.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
                assertEquals("line-1\nline-2\nline-3\n", logs.text(StreamType.STDOUT));
            } finally {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        }
    }

    private Info infoAsRoot(LabHost host) throws IOException {
        try (SSHClient ssh = connect(host, "root")) {
            return DockerClients.over(ssh, false, host.name()).infoCmd().exec();
        }
    }

    /** Collects frames per stream. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();

        @Override
        public synchronized void onNext(Frame frame) {
            String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(text);
        }

        synchronized String text(StreamType stream) {
            return (stream == StreamType.STDERR ? stderr : stdout).toString();
        }
    }

    /**
     * A bare SSHJ connection, strict against the lab's known_hosts, with the lab key: this package
     * is tested below io.ovl.ssh, on the SSHClient that HostSession hands it in production.
     */
    private SSHClient connect(LabHost host, String user) throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new OpenSSHKnownHosts(lab.knownHostsPath().toFile()));
        ssh.setConnectTimeout(15_000);
        ssh.setTimeout(60_000);
        try {
            ssh.connect(host.address());
            ssh.authPublickey(user, ssh.loadKeys(lab.keyPath().toString()));
            return ssh;
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }
}
