package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.kvmode.ClusterLayout;
import io.ovl.kvmode.FileChange;
import io.ovl.change.HostOutcome;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.kvmode.Plan;
import io.ovl.kvmode.StoreStep;
import io.ovl.render.KvStoreSpecs;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init's and reset's argument handling through the real CommandLine (cases that end before any
 * host is contacted), and the rendering of plans and reports. Applying to hosts is tested on the
 * lab (io.ovl.kvmode.InitResetIT).
 */
class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void initAndResetAreCommands() {
        Cli.Run r = Cli.run("--help");
        assertTrue(r.out().contains("init"), r.out());
        assertTrue(r.out().contains("reset"), r.out());
    }

    @Test
    void anInvalidTopologyIsExit2BeforeAnyHostIsContacted() throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), "mode: kv\nhosts:\n  - name: a\n    adress: 198.18.0.1\n");
        Cli.Run r = Cli.run("init", "-f", f.toString(), "--dry-run");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("t.yaml"), r.err());
    }

    @Test
    void forceIsRefusedInKvModeBeforeAnyHostIsContacted() throws Exception {
        Path f = Files.writeString(dir.resolve("kv.yaml"), "mode: kv\nkv-store:\n  backend: etcd\n  url: etcd://127.0.0.1:1\n"
                + "hosts:\n  - name: a\n    address: 127.0.0.1\n    ssh: { port: 1 }\n");
        for (String cmd : List.of("init", "reset")) {
            Cli.Run r = Cli.run(cmd, "-f", f.toString(), "--force", "--dry-run");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("--force applies to mode: swarm only"), r.err());
        }
    }

    /**
     * A swarm topology goes to the swarm engine, which names the host it cannot read and changes
     * nothing (exit 3). init runs doctor's checks first: ssh.reachable names the host, with doctor's fix.
     */
    @Test
    void aSwarmTopologyWithAnUnreachableHostIsBlockedNamingTheHost() throws Exception {
        Path f = Files.writeString(dir.resolve("swarm.yaml"), "mode: swarm\n"
                + "hosts:\n  - name: m1\n    address: 127.0.0.1\n    ssh: { port: 1, connect-timeout: 2s }\n");
        Cli.Run init = Cli.run("init", "-f", f.toString(), "--dry-run");
        assertEquals(3, init.exit(), init.out() + init.err());
        assertTrue(init.err().contains("nothing was changed: host m1: ssh.reachable: host m1: connect to 127.0.0.1:1"),
                init.err());
        assertTrue(init.out().contains("  error: host m1: ssh.reachable: "), init.out());
        assertTrue(init.out().contains("      fix: check address, port, user"), init.out());
        assertTrue(init.out().contains("swarm mode"), init.out());

        Cli.Run reset = Cli.run("reset", "-f", f.toString(), "--dry-run");
        assertEquals(3, reset.exit(), reset.out() + reset.err());
        assertTrue(reset.err().contains("host m1: docker.info: cannot read"), reset.err());
    }

    @Test
    void skipChecksIsWarnedAndLeavesInitsOwnChecks() throws Exception {
        Path f = Files.writeString(dir.resolve("swarm.yaml"), "mode: swarm\n"
                + "hosts:\n  - name: m1\n    address: 127.0.0.1\n    ssh: { port: 1, connect-timeout: 2s }\n");
        Cli.Run r = Cli.run("init", "-f", f.toString(), "--dry-run", "--skip-checks");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("WARNING: --skip-checks: doctor's checks are NOT run"), r.err());
        assertTrue(r.out().contains("Checks: SKIPPED (--skip-checks)"), r.out());
        assertFalse(r.out().contains("ssh.reachable"), r.out());
        assertTrue(r.err().contains("host m1: docker.info: cannot read"), r.err());
    }

    @Test
    void anUnreachableKvHostStopsInitWithTheCheckResultsInJson() throws Exception {
        Path f = Files.writeString(dir.resolve("kv.yaml"), "mode: kv\nkv-store:\n  backend: etcd\n  url: etcd://127.0.0.1:1\n"
                + "hosts:\n  - name: a\n    address: 127.0.0.1\n    ssh: { port: 1, connect-timeout: 2s }\n");
        Cli.Run r = Cli.run("init", "-f", f.toString(), "--dry-run", "--output", "json");
        assertEquals(3, r.exit(), r.out() + r.err());
        JsonNode checks = new ObjectMapper().readTree(r.out()).path("plan").path("checks");
        assertFalse(checks.path("skipped").asBoolean(true));
        assertFalse(checks.path("passed").asBoolean(true));
        JsonNode ssh = null;
        for (JsonNode n : checks.path("results")) {
            if (n.path("check").asText().equals("ssh.reachable")) {
                ssh = n;
            }
        }
        assertEquals("a", ssh.path("host").asText(), checks.toString());
        assertEquals("fail", ssh.path("status").asText());
        assertTrue(ssh.path("hint").asText().contains("known_hosts"), ssh.toString());
        JsonNode blocker = new ObjectMapper().readTree(r.out()).path("plan").path("blockers").get(0);
        assertEquals("ssh.reachable", blocker.path("check").asText(), r.out());
    }

    @Test
    void ignoreTakesDoctorsCheckNamesOnly() throws Exception {
        Path f = Files.writeString(dir.resolve("kv.yaml"), "mode: kv\nkv-store:\n  backend: etcd\n  url: etcd://127.0.0.1:1\n"
                + "hosts:\n  - name: a\n    address: 127.0.0.1\n    ssh: { port: 1 }\n");
        Cli.Run r = Cli.run("init", "-f", f.toString(), "--dry-run", "--ignore", "ports.reachable,no.such-check");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--ignore: no check is named 'no.such-check'"), r.err());
    }

    private static final Topology TOPOLOGY = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
            Optional.of(new KvStore(KvBackend.ETCD, List.of("kv"), "local/etcd:3.4", 2379, Optional.empty())),
            Optional.empty(),
            List.of(new Host("kv", "198.18.0.10", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS),
                    Host.of("a", "198.18.0.11"), Host.of("b", "198.18.0.12")),
            List.of(NetworkSpec.of("web", Prefix.parse("172.16.16.0/24"))));

    private static Plan plan(List<Finding> blockers) {
        ClusterLayout layout = ClusterLayout.of(TOPOLOGY);
        var spec = KvStoreSpecs.render(layout.cluster().orElseThrow(), "kv");
        String url = layout.storeUrl();
        return new Plan(layout, url, List.of(new StoreStep("kv", spec, StoreStep.Action.CREATE)),
                List.of(new HostPlan("a", List.of(new FileChange("/etc/x.conf", Optional.empty(), Optional.of("[Service]\n"))),
                                true, "new drop-in", 2, url, "198.18.0.11:2376"),
                        new HostPlan("b", List.of(), false, "already configured", 0, url, "198.18.0.12:2376")),
                List.of(new NetworkStep(TOPOLOGY.networks().get(0), List.of(), Optional.of("a"))), blockers);
    }

    @Test
    void thePlanTextShowsContainersDiffsRestartsAndNetworks() {
        String text = InitView.planText(plan(List.of()));
        assertTrue(text.contains("Plan: every overlay dockerd gets --cluster-store=etcd://198.18.0.10:2379/network"), text);
        assertTrue(text.contains("  kv: create container ovl-kv-etcd (image local/etcd:3.4, network host, restart always"),
                text);
        assertTrue(text.contains("  a: write /etc/x.conf; restart docker (new drop-in; 2 running container(s) stop)\n"
                + "      --- /dev/null\n      +++ b/etc/x.conf\n      @@ -0,0 +1,1 @@\n      +[Service]\n"), text);
        assertTrue(text.contains("  b: no change (already configured); not restarted\n"), text);
        assertTrue(text.contains("  web: create on a: docker network create --driver overlay --subnet 172.16.16.0/24 web"),
                text);
        assertFalse(text.contains("Nothing to do"), text);
    }

    @Test
    void aBlockedPlanSaysSoAndNamesHostAndCheck() {
        String text = InitView.planText(plan(List.of(Finding.onHost("b", "engine.cluster-store", "Engine 26 ..."))));
        assertTrue(text.contains("blocked (nothing will be changed):\n  host b: engine.cluster-store: Engine 26 ...\n"),
                text);
    }

    @Test
    void thePlanJsonHasTheDocumentedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Json.write(InitView.planJson(plan(List.of()))));
        assertEquals("etcd://198.18.0.10:2379/network", json.get("store-url").asText());
        assertEquals("create", json.at("/store/0/action").asText());
        assertEquals("a", json.at("/hosts/0/host").asText());
        assertTrue(json.at("/hosts/0/restart-docker").asBoolean());
        assertEquals("create", json.at("/hosts/0/files/0/action").asText());
        assertTrue(json.at("/hosts/0/files/0/diff").asText().startsWith("--- /dev/null\n"));
        assertEquals("a", json.at("/networks/0/create-on").asText());
        assertFalse(json.get("nothing-to-do").asBoolean());
    }

    @Test
    void theSummarySaysWhenNothingChanged() {
        ChangeReport nothing = new ChangeReport(List.of(new HostOutcome("kv", HostOutcome.Status.UNCHANGED, "running")),
                List.of(new HostOutcome("a", HostOutcome.Status.UNCHANGED, "already configured")),
                List.of(new NetworkOutcome("web", Optional.empty(), List.of("a"), List.of(), Optional.empty())));
        assertTrue(InitView.reportText(nothing, "init").endsWith("init: nothing changed, nothing restarted.\n"));

        ChangeReport failed = new ChangeReport(List.of(),
                List.of(new HostOutcome("a", HostOutcome.Status.ROLLED_BACK, "restart docker failed: ...")), List.of());
        String text = InitView.reportText(failed, "init");
        assertTrue(text.contains("  a: rolled back: restart docker failed: ...\n"), text);
        assertTrue(text.endsWith("init failed on 1 host(s).\n"), text);
    }
}
