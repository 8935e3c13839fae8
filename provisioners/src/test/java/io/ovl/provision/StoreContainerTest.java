package io.ovl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import io.ovl.render.KvStoreSpecs;
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
    void notJsonIsReported() {
        assertThrows(UnparseableOutputException.class, () -> StoreContainer.parseInspect("Error: No such container"));
    }
}
