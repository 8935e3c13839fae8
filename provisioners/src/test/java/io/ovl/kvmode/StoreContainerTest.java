package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import io.ovl.render.KvCluster;
import io.ovl.render.KvNode;
import io.ovl.render.KvStoreSpecs;
import io.ovl.topology.KvBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreContainerTest {
    @Test
    void theContainerInitCreatedOnTheLabMatchesTheSpecItWasCreatedFrom() {
        StoreContainer c = StoreContainer.parseInspect(Captured.own("container-inspect-ovl-kv-etcd-20.10.json"));
        var cluster = ClusterLayout.of(Captured.labTopology()).cluster().orElseThrow();
        var spec = KvStoreSpecs.render(cluster, Captured.H1);

        assertEquals("ovl-kv-etcd", c.name());
        assertEquals(spec.image(), c.image());
        assertEquals(spec.cmd(), c.cmd());
        assertTrue(c.running());
    }

    @Test
    void zookeeperCommandIsWhatDockerRecordsSoASecondInitFindsNothingToChange() {
        // Captured after `ovl init` on lab zkt (lab/up --store zookeeper): Docker records the image's
        // CMD as Config.Cmd. The spec used to say cmd: [], which read back as another command and
        // blocked every second init ("exists but with another command").
        StoreContainer c = StoreContainer.parseInspect(Captured.own("container-inspect-ovl-kv-zookeeper-20.10.json"));
        var cluster = new KvCluster(KvBackend.ZOOKEEPER, List.of(new KvNode("zkt-h1", "198.18.204.11")), 2181,
                "local/zookeeper:3.8");
        var spec = KvStoreSpecs.render(cluster, "zkt-h1");

        assertEquals("ovl-kv-zookeeper", c.name());
        assertEquals(spec.image(), c.image());
        assertEquals(spec.cmd(), c.cmd());
        assertTrue(c.running());
    }

    @Test
    void notJsonIsReported() {
        assertThrows(UnparseableOutputException.class, () -> StoreContainer.parseInspect("Error: No such container"));
    }
}
