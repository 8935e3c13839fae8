package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.migrate.Attachment;
import io.ovl.migrate.CarriedNetwork;
import io.ovl.migrate.KvInventory;
import io.ovl.migrate.MigrationPlan;
import io.ovl.migrate.Reconnect;
import io.ovl.kvmode.FileChange;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.NetworkStep;
import io.ovl.kvmode.ResetPlan;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmStep;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovl migrate} through the real CommandLine, for what ends before a host could change (help,
 * argument errors, a host that cannot be read), and the rendering of its plan. Applying it to hosts
 * is tested on the lab (io.ovl.migrate.MigrateLabIT).
 */
class MigrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void migrateIsACommandWhoseHelpExplainsTheDesign() {
        assertTrue(Cli.run("--help").out().contains("migrate"));

        Cli.Run r = Cli.run("migrate", "--help");

        assertEquals(0, r.exit(), r.err());
        for (String s : List.of("--dry-run", "--yes", "--accept-aux-loss", "--reconnect", "--output", "--parallel", "-f, --file",
                KvInventory.PATH, "mode: swarm", "reconnect", "KV store container is kept", "Exit codes:")) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
    }

    @Test
    void aKvTopologyIsAUsageErrorBeforeAnyHostIsContacted() throws Exception {
        Path f = Files.writeString(dir.resolve("kv.yaml"), "mode: kv\nkv-store:\n  backend: etcd\n  url: etcd://127.0.0.1:1\n"
                + "hosts:\n  - name: a\n    address: 127.0.0.1\n    ssh: { port: 1 }\n");

        Cli.Run r = Cli.run("migrate", "-f", f.toString(), "--dry-run");

        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("ovl migrate takes the topology to migrate to, with mode: swarm; this one is mode: kv"),
                r.err());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, Cli.run("migrate", "--no-such-flag").exit());
        Cli.Run zero = Cli.run("migrate", "--parallel", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--parallel must be at least 1"), zero.err());
        assertEquals(2, Cli.run("migrate", "--output", "yaml").exit());
        Cli.Run missing = Cli.run("migrate", "-f", dir.resolve("none.yaml").toString());
        assertEquals(2, missing.exit(), missing.err());
    }

    @Test
    void aHostThatCannotBeReadBlocksTheDryRunNamingIt() throws Exception {
        Path f = Files.writeString(dir.resolve("swarm.yaml"), "mode: swarm\n"
                + "hosts:\n  - name: m1\n    address: 127.0.0.1\n    ssh: { port: 1, connect-timeout: 2s }\n");

        Cli.Run r = Cli.run("migrate", "-f", f.toString(), "--dry-run");

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("nothing was changed: host m1: "), r.err());
        assertTrue(r.out().contains("blocked (nothing will be changed):"), r.out());
    }

    private static final NetworkSpec LABNET = new NetworkSpec("labnet", List.of(new IpamPool(Prefix.parse("172.16.16.0/24"),
            Optional.of(Prefix.parse("172.16.16.128/25")), Optional.of(IpAddress.parse("172.16.16.1")),
            Map.of("ip2", IpAddress.parse("172.16.16.2")))), false, true, false, OptionalInt.empty(), Map.of());

    /** A plan as the planner makes it for the lab: h2 loses its drop-in, h1 starts the swarm, web2 to reconnect. */
    private static MigrationPlan plan() {
        Attachment web2 = new Attachment("h2", "web2", "labnet", "172.16.16.128");
        Topology target = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(Host.of("h1", "198.18.0.11"), Host.of("h2", "198.18.0.12")), List.of(LABNET));
        return new MigrationPlan(new KvInventory(Optional.of("etcd://198.18.0.11:2379/network"), List.of(), List.of(web2)),
                new ResetPlan(List.of(new HostPlan("h1", List.of(), false, "no ovl drop-in", 0, "", ""),
                        new HostPlan("h2", List.of(new FileChange("/etc/x.conf", Optional.of("[Service]\n"), Optional.empty())),
                                true, "remove ovl's drop-in", 1, "", "")), List.of(), List.of()),
                List.of(new CarriedNetwork(LABNET, true, List.of("aux-addresses {ip2=172.16.16.2}: swarm keeps none"))),
                target,
                new SwarmPlan(Optional.empty(), "h1", List.of(new SwarmStep("h1", SwarmRole.MANAGER, SwarmStep.Action.INIT,
                        false, "not in a swarm; starts the swarm"), new SwarmStep("h2", SwarmRole.WORKER, SwarmStep.Action.JOIN,
                        false, "not in a swarm; joins as worker")), List.of(new NetworkStep(LABNET, List.of(),
                        Optional.of("h1"))), List.of(), List.of()),
                List.of(new Reconnect("h2", "web2", List.of(web2))), List.of(), List.of());
    }

    @Test
    void thePlanTextShowsEachStepTheAddressingAndTheReconnectCommands() {
        String text = MigrateView.planText(plan());

        assertTrue(text.contains("kv store: etcd://198.18.0.11:2379/network is kept"), text);
        assertTrue(text.contains("  h2: remove /etc/x.conf; restart docker (remove ovl's drop-in; 1 running container(s) stop)"),
                text);
        assertTrue(text.contains("  h1 (manager): swarm init (not in a swarm; starts the swarm)\n"), text);
        assertTrue(text.contains("  labnet: create on h1 (kv network): subnet 172.16.16.0/24, ip-range 172.16.16.128/25,"
                + " gateway 172.16.16.1, aux-addresses {ip2=172.16.16.2}\n      not kept: aux-addresses"), text);
        assertTrue(text.contains("  h2: web2 (labnet 172.16.16.128):\n      docker network disconnect --force labnet web2"
                + " && docker network connect --ip 172.16.16.128 labnet web2 && docker start web2\n"), text);
    }

    @Test
    void aContainerStoppedBeforeTheMigrationIsMarkedAndGetsNoStartCommand() throws Exception {
        Attachment web3 = new Attachment("h3", "web3", "labnet", "172.16.16.200", true);
        MigrationPlan base = plan();
        MigrationPlan plan = new MigrationPlan(base.inventory(), base.kvReset(), base.networks(), base.target(), base.swarm(),
                List.of(base.reconnects().get(0), new Reconnect("h3", "web3", List.of(web3))), List.of(), List.of());

        String text = MigrateView.planText(plan);
        assertTrue(text.contains("  h3: web3 (labnet 172.16.16.200, stopped before the migration: reconnected, not"
                + " started):\n      docker network disconnect --force labnet web3 && docker network connect --ip"
                + " 172.16.16.200 labnet web3\n"), text);
        assertTrue(text.contains("docker start web2\n"), text);
        JsonNode json = new ObjectMapper().readTree(Json.write(MigrateView.planJson(plan)));
        assertEquals(List.of(false, true), List.of(json.path("reconnect").get(0).path("stopped").asBoolean(),
                json.path("reconnect").get(1).path("stopped").asBoolean()));
        assertEquals(2, json.path("reconnect").get(1).path("commands").size());
    }

    @Test
    void thePlanJsonHasTheNetworksAddressingAndTheReconnectArgv() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Json.write(MigrateView.planJson(plan())));

        JsonNode labnet = json.path("networks").get(0);
        assertEquals("172.16.16.128/25", labnet.path("ip-range").asText());
        assertEquals("172.16.16.2", labnet.path("aux-addresses").path("ip2").asText());
        assertEquals("h1", labnet.path("create-on").asText());
        assertEquals("docker network connect --ip 172.16.16.128 labnet web2",
                String.join(" ", new ObjectMapper().convertValue(json.path("reconnect").get(0).path("commands").get(1),
                        String[].class)));
        assertEquals(true, json.path("kv-reset").path("hosts").get(1).path("restart-docker").asBoolean());
        assertEquals(false, json.path("nothing-to-do").asBoolean());
    }
}
