package io.ovl.doctor;

import io.ovl.ssh.CommandBatch;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.FramedBatchShell;
import io.ovl.ssh.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Test support, a FAKE host for unit tests of checks: a {@link FakeRemoteShell} answering every
 * {@link FactCommands} command with output captured from a real lab host (resources in
 * io/ovl/doctor/, see README.md there); a test replaces one answer to make a fault. Facts come
 * from the real {@link FactGatherer}, so parsing is exercised as on a host, and through its
 * batch ({@link FramedBatchShell} frames these answers as the batch script would).
 */
final class FakeHost {
    /** The local clock as the fakes see it; {@link #DATE} answers the same second unless changed. */
    static final Instant NOW = Instant.parse("2026-11-22T23:20:10Z");
    static final String DATE = NOW.getEpochSecond() + ".000000000\n";

    static final String NOT_A_MANAGER = "Error response from daemon: This node is not a swarm manager. Use \"docker"
            + " swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.\n";

    private final FakeRemoteShell shell;

    private FakeHost(String dir) {
        shell = new FakeRemoteShell(dir)
                .on(FactCommands.ID, "0\n")
                .on(FactCommands.HOSTNAME, resource(dir + "/hostname.txt"))
                .on(FactCommands.UNAME, resource(dir + "/uname-r.txt"))
                .on(FactCommands.VXLAN, "")
                .on(FactCommands.DOCKER_INFO, resource(dir + "/docker-info.json"))
                .on(FactCommands.DOCKER_NETWORKS, resource(dir + "/docker-network-inspect.json"))
                .on(FactCommands.IP_ADDR, resource(dir + "/ip-j-d-addr.json"))
                .on(FactCommands.IP_ROUTE, resource(dir + "/ip-j-route.json"))
                .on(FactCommands.SS, resource(dir + "/ss-H-lntup.txt"))
                .on(FactCommands.DAEMON_JSON, FactCommands.NO_DAEMON_JSON, "", "")
                .on(FactCommands.DOCKER_UNIT, resource(dir + "/systemctl-cat-docker.txt"))
                .on(FactCommands.DATE, DATE)
                .on(FactCommands.DOCKER_LOG, resource(dir + "/journal-docker.txt"))
                // The captured hosts run systemd: the init-script commands end at once (see FactCommands).
                .on(FactCommands.INIT_SCRIPT_DOCKERD_ARGS, 4, "", "")
                .on(FactCommands.INIT_SCRIPT_DOCKER_LOG, 3, "", "")
                // None of the captured hosts was in a swarm; the real answer then (Engine 26):
                .on(FactCommands.SWARM_NODES, 1, "", NOT_A_MANAGER);
    }

    /** h1-2010, h2-2010 or h3-26. */
    static FakeHost of(String dir) {
        return new FakeHost(dir);
    }

    FakeHost answer(RemoteCommand command, String stdout) {
        shell.on(command, stdout);
        return this;
    }

    FakeHost fail(RemoteCommand command, int exit, String stderr) {
        shell.on(command, exit, "", stderr);
        return this;
    }

    /** Replaces text in the captured answer of {@code command} (which must contain it). */
    FakeHost edit(RemoteCommand command, String dir, String file, String from, String to) {
        String text = resource(dir + "/" + file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain " + from);
        }
        shell.on(command, text.replace(from, to));
        return this;
    }

    /** The scripted shell itself, for tests that need raw answers. */
    FakeRemoteShell shell() {
        return shell;
    }

    /** A fixed batch marker, so the fake can answer the gatherer's exact batch request. */
    static final String NONCE = "00112233445566778899aabbccddeeff";

    HostFacts facts() {
        return gatherer(Clock.fixed(NOW, ZoneOffset.UTC)).gather(batchShell());
    }

    /** The batching gatherer with {@link #NONCE}; answers come from {@link #batchShell()}. */
    static FactGatherer gatherer(Clock clock) {
        return FactGatherer.batchedWith(clock, commands -> CommandBatch.of(commands, NONCE));
    }

    /** This host's answers, also to the gatherer's batch request. */
    FramedBatchShell batchShell() {
        return new FramedBatchShell(shell, CommandBatch.of(FactGatherer.BATCH, NONCE));
    }

    static String resource(String name) {
        try (InputStream in = FakeHost.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource io/ovl/doctor/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
