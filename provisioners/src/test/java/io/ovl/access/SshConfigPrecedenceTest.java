package io.ovl.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovl.ssh.SshConfigResolver;
import io.ovl.ssh.SshEndpoint;
import io.ovl.ssh.SshEnvironment;
import io.ovl.topology.LoadResult;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From topology file to resolved endpoint with the real OpenSSH client ({@code ssh -G} on a
 * config file of the test's own): what the topology leaves unset comes from ~/.ssh/config,
 * what it sets wins. Skips when no ssh client is installed.
 */
class SshConfigPrecedenceTest {

    @TempDir
    Path dir;

    @Test
    void unsetUserAndPortComeFromSshConfigAndTopologyValuesWin() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "needs the OpenSSH client (ssh -G)");
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web1 web2
                  HostName 198.18.7.21
                  User deploy
                  Port 2200
                """);
        Topology t = load("""
                version: 1
                mode: swarm
                hosts:
                  - name: a
                    address: web1
                  - name: b
                    address: web2
                    ssh: { user: ops, port: 2222 }
                """);
        SshConfigResolver resolver = new SshConfigResolver(SshEnvironment.fromSystem().withSshConfigFile(config));
        HostAccess access = HostAccess.forTopologyFile(dir.resolve("topology.yaml"));

        SshEndpoint a = resolver.resolve(access.target(t.hosts().get(0)));
        assertEquals("198.18.7.21", a.hostName());
        assertEquals("deploy", a.user());
        assertEquals(2200, a.port());

        SshEndpoint b = resolver.resolve(access.target(t.hosts().get(1)));
        assertEquals("ops", b.user());
        assertEquals(2222, b.port());
    }

    private Topology load(String yaml) {
        LoadResult r = new TopologyLoader(dir).parse("topology.yaml", yaml, dir);
        return r.topology().orElseThrow(() -> new AssertionError(r.problems()));
    }
}
