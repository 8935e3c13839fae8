package io.ovl.kvmode;

import io.ovl.topology.KvTls;
import io.ovl.topology.Topology;
import java.util.Optional;

import static io.ovl.kvmode.Captured.H1;
import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.render.DockerdDropIn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reset plans over host states captured on the lab ({@link Captured}). */
class ResetPlannerTest {
    @Test
    void afterInitTheDropInsGoDockerdRestartsAndTheStoreIsRemovedKeepingItsData() {
        ResetPlan plan = ResetPlanner.plan(Captured.labTopology(),
                List.of(Captured.storeHostRunning(), Captured.joined(H2), Captured.joined(H3)), false);

        assertEquals(List.of(), plan.blockers());
        HostPlan h1 = plan.hosts().get(0);
        assertEquals(H1, h1.host());
        assertFalse(h1.changesSomething());
        HostPlan h2 = plan.hosts().get(1);
        assertTrue(h2.restartDocker());
        FileChange f = h2.files().get(0);
        assertEquals(DockerdDropIn.PATH, f.path());
        assertTrue(f.removes());
        assertEquals(List.of(new ResetPlan.StoreRemoval(H1, "ovl-kv-etcd", true, List.of())), plan.store());
        // Each joined host runs one container (Captured.joined): restarting stops it, so that needs --yes.
        assertEquals(List.of(H2, H3), plan.restartsStoppingContainers().stream().map(HostPlan::host).toList());
    }

    @Test
    void purgeAlsoRemovesTheDataVolume() {
        ResetPlan plan = ResetPlanner.plan(Captured.labTopology(),
                List.of(Captured.storeHostRunning(), Captured.joined(H2), Captured.joined(H3)), true);
        assertEquals(List.of("ovl-kv-etcd-data"), plan.store().get(0).volumes());
    }

    @Test
    void purgeOfATlsStoreRemovesItsDataVolumeButNeverTheOperatorsTlsFiles() {
        Topology lab = Captured.labTopology();
        Topology tls = new Topology(lab.version(), lab.mode(), lab.ssh(), Optional.of(lab.kvStore().orElseThrow()
                .withTls(new KvTls("/etc/docker/kv-tls/ca.pem", "/etc/docker/kv-tls/node.pem", "/etc/docker/kv-tls/node-key.pem"))),
                lab.swarm(), lab.hosts(), lab.networks());
        ResetPlan plan = ResetPlanner.plan(tls, List.of(Captured.storeHostRunning(), Captured.joined(H2),
                Captured.joined(H3)), true);
        assertEquals(List.of("ovl-kv-etcd-data"), plan.store().get(0).volumes());
    }

    @Test
    void onHostsWithoutOvlThereIsNothingToDo() {
        ResetPlan plan = ResetPlanner.plan(Captured.labTopology(),
                List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)), false);
        assertTrue(plan.nothingToDo(), plan.toString());
    }
}
