package io.ovl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import io.ovl.net.OverlayNetwork;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The saved inventory's file format and the check of a carried network against what the manager
 * shows, over answers captured on lab migx (resources under /migrate).
 */
class InventoryAndCheckTest {

    @Test
    void theInventoryReadsBackAsItWasWritten() {
        OverlayNetwork labnet = CapturedKv.networks("/migrate/kv-networks-h2-20.10.json").stream()
                .filter(n -> n.name().equals("labnet")).findFirst().orElseThrow();
        OverlayNetwork bare = new OverlayNetwork(labnet.name(), labnet.id(), labnet.driver(), labnet.scope(),
                labnet.internal(), labnet.attachable(), labnet.ipam(), Map.of("encrypted", ""), Map.of("team", "a"), List.of());
        KvInventory inventory = new KvInventory(Optional.of("etcd://198.19.116.11:2379/network"), List.of(bare),
                List.of(new Attachment("migx-h2", "web2", "labnet", "172.16.16.128")));

        assertEquals(inventory, KvInventory.parse(inventory.toJson()));
    }

    @Test
    void mergingKeepsTheFresherDefinitionAndAddsWhatOnlyTheOtherHas() {
        KvInventory saved = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        KvInventory live = new KvInventory(Optional.empty(), List.of(saved.networks().get(1)),
                List.of(new Attachment("migx-h3", "db", "labnet", "172.16.16.130")));

        KvInventory merged = live.merge(saved);

        assertEquals(List.of("labnet", "extra"), merged.networks().stream().map(OverlayNetwork::name).toList());
        assertEquals(List.of("migx-h3 db", "migx-h2 web2"), merged.attachments().stream()
                .map(a -> a.host() + " " + a.container()).toList());
        assertEquals(saved.clusterStore(), merged.clusterStore());
    }

    @Test
    void aFileOfAnotherFormatIsRefusedNamingThePath() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> KvInventory.parse("{\"format\":\"something-else\"}"));
        assertTrue(e.getMessage().startsWith(KvInventory.PATH), e.getMessage());
    }

    @Test
    void theMigratedNetworksAsTheManagerShowsThemPassTheCheck() {
        MigrationPlan plan = MigrationPlanner.plan(new io.ovl.topology.Topology(1, io.ovl.topology.Mode.SWARM,
                io.ovl.topology.SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(CapturedKv.H1, CapturedKv.H2, CapturedKv.H3), List.of()), CapturedKv.kvLab(), false);
        List<OverlayNetwork> manager = OverlayNetwork.parseInspect(CapturedKv.read("/migrate/swarm-networks-h1-20.10.json"));

        NetworkCheck check = NetworkCheck.of(plan.networks().get(0).spec(),
                manager.stream().filter(n -> n.name().equals("labnet")).findFirst());

        assertEquals(List.of(), check.differences());
    }

    @Test
    void aDifferentGatewayOrAMissingNetworkIsNamed() {
        KvInventory saved = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        MigrationPlan plan = MigrationPlanner.plan(new io.ovl.topology.Topology(1, io.ovl.topology.Mode.SWARM,
                io.ovl.topology.SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(CapturedKv.H1, CapturedKv.H2, CapturedKv.H3), List.of()), new MigrationFacts(
                CapturedKv.kvLab().kv(), CapturedKv.kvReadout(), Map.of("migx-h1", io.ovl.facts.Fact.known(
                Optional.of(saved))), CapturedKv.kvSwarmFacts()), false);
        var extra = plan.networks().stream().filter(n -> n.name().equals("extra")).findFirst().orElseThrow().spec();
        OverlayNetwork shown = OverlayNetwork.parseInspect(CapturedKv.read("/migrate/swarm-networks-h1-20.10.json"))
                .stream().filter(n -> n.name().equals("extra")).findFirst().orElseThrow();
        // The captured network with its gateway changed from .254 to .1.
        OverlayNetwork otherGateway = new OverlayNetwork(shown.name(), shown.id(), shown.driver(), shown.scope(),
                shown.internal(), shown.attachable(), List.of(new OverlayNetwork.Ipam("172.16.30.0/24", Optional.empty(),
                Optional.of("172.16.30.1"), Map.of())), shown.options(), shown.labels(), List.of());

        assertEquals(List.of(), NetworkCheck.of(extra, Optional.of(shown)).differences());
        assertEquals(List.of("gateway 172.16.30.1, expected 172.16.30.254"),
                NetworkCheck.of(extra, Optional.of(otherGateway)).differences());
        assertEquals(List.of("the manager does not list it"), NetworkCheck.of(extra, Optional.empty()).differences());
        // A driver option the network was to be created with and the manager does not show.
        var withOption = new io.ovl.topology.NetworkSpec(extra.name(), extra.pools(), extra.internal(), extra.attachable(),
                extra.encrypted(), extra.mtu(), extra.labels(), Map.of("com.example.opt", "x"));
        assertEquals(List.of("driver option com.example.opt=null, expected x"),
                NetworkCheck.of(withOption, Optional.of(shown)).differences());
    }
}
