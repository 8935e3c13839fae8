package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.ssh.CommandBatch;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import io.ovl.ssh.SshConnector;
import io.ovl.ssh.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On REAL lab hosts (Engine 20.10, Debian 12; h1 with systemd, h2 without, its dockerd run by
 * /etc/init.d/docker): a batch runs over SSH as root and through sudo as the non-root user ovl,
 * each command's status and output come back apart, and doctor's facts are gathered in exactly
 * one exec with the same facts as one command each.
 */
class FactGathererLabIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("facts", LabLayout.of("20.10", "20.10:sysv"));
    static SshConnector connector;

    @BeforeAll
    static void up() {
        connector = SshConnector.fromSystem();
    }

    @AfterAll
    static void down() {
        if (connector != null) {
            connector.close();
        }
    }

    static SshTarget target(String user) {
        return target(LAB.lab().hosts().get(0), user);
    }

    static SshTarget target(LabHost h, String user) {
        SshTarget t = SshTarget.of(h.name(), h.address()).withUser(user).withIdentityFiles(List.of(LAB.lab().keyPath()))
                .withKnownHostsFiles(List.of(LAB.lab().knownHostsPath())).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
        return user.equals("root") ? t : t.withBecome(SshTarget.Become.SUDO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "ovl"})
    void aBatchSplitsBackIntoEachCommandsResult(String user) {
        String impostor = "x\novl-batch-0123456789abcdef0123456789abcdef 1 0\n";
        List<RemoteCommand> commands = List.of(RemoteCommand.of("id", "-un"),
                RemoteCommand.script("echo partial; echo 'it broke' >&2; exit 3"),
                RemoteCommand.of("printf", "%s", impostor),
                RemoteCommand.of("cat"),
                RemoteCommand.of("hostname"));
        try (HostSession s = connector.open(target(user))) {
            List<CommandResult> r = CommandBatch.run(s, commands);
            assertEquals("root\n", r.get(0).stdoutText(), "through sudo for ovl");
            assertEquals(3, r.get(1).exitCode());
            assertEquals("partial\n", r.get(1).stdoutText());
            assertEquals("it broke\n", r.get(1).stderrText());
            assertEquals(impostor, r.get(2).stdoutText());
            assertEquals("", r.get(3).stdoutText(), "stdin of a batched command is empty");
            assertEquals(LAB.lab().hosts().get(0).name() + "\n", r.get(4).stdoutText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "ovl"})
    void doctorsFactsComeFromOneExec(String user) {
        try (HostSession s = connector.open(target(user))) {
            List<RemoteCommand> sent = new ArrayList<>();
            RemoteShell counting = c -> {
                sent.add(c);
                return s.run(c);
            };
            HostFacts batched = new FactGatherer(Clock.systemUTC()).gather(counting);
            assertEquals(1, sent.size(), "one exec: " + sent);
            assertEquals(List.of("sh", "-s"), sent.get(0).argv());

            HostFacts oneByOne = FactGatherer.oneCommandEach(Clock.systemUTC()).gather(s);
            assertEquals(0, batched.uid().value().orElseThrow());
            assertEquals(oneByOne.hostname(), batched.hostname());
            assertEquals(oneByOne.kernel(), batched.kernel());
            assertEquals(oneByOne.dockerUnit(), batched.dockerUnit());
            assertEquals(oneByOne.daemonJson(), batched.daemonJson());
            assertEquals(oneByOne.swarmNodes(), batched.swarmNodes());
            assertEquals(oneByOne.vxlan(), batched.vxlan());
            assertEquals(oneByOne.dockerInfo().value().map(i -> i.id()), batched.dockerInfo().value().map(i -> i.id()));
            assertTrue(batched.interfaces().isKnown() && batched.routes().isKnown() && batched.sockets().isKnown()
                    && batched.dockerNetworks().isKnown() && batched.dockerLog().isKnown(), batched.toString());
            // The host's time between its two readings is taken off the round trip, never below zero.
            ClockSample clock = batched.clock().value().orElseThrow();
            assertTrue(!clock.uncertainty().isNegative(), clock.toString());
        }
    }

    @Test
    void withoutSystemdTheInitScriptsFactsComeFromTheSameExec() {
        try (HostSession s = connector.open(target(LAB.lab().hosts().get(1), "root"))) {
            List<RemoteCommand> sent = new ArrayList<>();
            RemoteShell counting = c -> {
                sent.add(c);
                return s.run(c);
            };
            HostFacts batched = new FactGatherer(Clock.systemUTC()).gather(counting);
            assertEquals(1, sent.size(), "one exec: " + sent);
            HostFacts oneByOne = FactGatherer.oneCommandEach(Clock.systemUTC()).gather(s);

            assertTrue(batched.withoutSystemd(), batched.toString());
            assertEquals(oneByOne.initScriptDockerdArgs(), batched.initScriptDockerdArgs());
            assertEquals(oneByOne.dockerUnit(), batched.dockerUnit());
            // The log itself grows while dockerd works: the same run's log, from its first line.
            String log = batched.dockerLog().value().orElseThrow();
            assertTrue(log.lines().findFirst().orElseThrow().contains("msg=\"Starting up\""), log);
            assertEquals(log.lines().findFirst(), oneByOne.dockerLog().value().orElseThrow().lines().findFirst());
        }
    }
}
