package io.ovl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.lab.CommandResult;
import io.ovl.lab.Lab;
import io.ovl.lab.LabHost;
import io.ovl.change.ApplyOptions;
import io.ovl.kvmode.Plan;
import io.ovl.kvmode.Planner;
import io.ovl.kvmode.Provision;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the migrate ITs share: a lab of three Engine 20.10 hosts with the lab's kv topology (etcd on
 * h1 with overlay: false, labnet), the swarm topology derived from it (no kv-store, h1 the manager,
 * all three in the swarm), kv init as {@code ovl init} runs it, and the engine driven exactly as
 * {@code ovl migrate} drives it.
 */
final class MigrateLab implements AutoCloseable {
    final Lab lab;
    final Topology kv;
    final Topology swarm;
    final Path swarmFile;

    MigrateLab(String prefix) {
        lab = Lab.start(Lab.uniqueName(prefix), List.of("20.10", "20.10", "20.10"), 0);
        kv = new TopologyLoader().load(lab.topologyPath()).orThrow();
        try {
            swarmFile = lab.stateDir().resolve("topology-migrate-swarm.yaml");
            Files.writeString(swarmFile, Files.readString(lab.topologyPath())
                    .replace("mode: kv", "mode: swarm")
                    .replaceAll("(?m)^kv-store:\\n(  .*\\n)+", "")
                    .replace("    overlay: false\n", "    role: manager\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        swarm = new TopologyLoader().load(swarmFile).orThrow();
    }

    LabHost host(String id) {
        return lab.host(id);
    }

    /** {@code ovl init} with the kv topology. */
    void kvInit() {
        try (OpenHosts hosts = OpenHosts.overSsh(kv, lab.topologyPath(), kv.hosts(),
                SshConnector.fromSystem(), new ParallelHosts())) {
            Provision provision = new Provision(kv, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            assertEquals(ExitCode.OK, provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE).exitCode());
        }
    }

    MigrationPlan plan() {
        try (Sessions s = new Sessions()) {
            return s.migrate().plan(false);
        }
    }

    /** {@code ovl migrate --yes [--reconnect]}: plan, then apply that plan. */
    MigrationReport migrate(boolean reconnect) {
        try (Sessions s = new Sessions()) {
            Migrate migrate = s.migrate();
            MigrationPlan plan = migrate.plan(false);
            assertEquals(List.of(), plan.blockers());
            return migrate.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE, reconnect);
        }
    }

    /** Runs a command as root in the host and returns its trimmed stdout; fails the test when it fails. */
    String in(LabHost h, String... argv) {
        CommandResult r = lab.inHost(h, argv);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }

    @Override
    public void close() {
        lab.close();
    }

    /** The hosts migrate opens (as the CLI does): every topology host, one connection each. */
    private final class Sessions implements AutoCloseable {
        private final ParallelHosts parallel = new ParallelHosts();
        private final OpenHosts hosts = OpenHosts.overSsh(swarm, swarmFile, swarm.hosts(),
                SshConnector.fromSystem(), parallel);

        Migrate migrate() {
            return new Migrate(swarm, hosts, parallel);
        }

        @Override
        public void close() {
            hosts.close();
        }
    }
}
