package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.render.DockerdDropIn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which command feeds which fact, and how failures become unknown facts with their reason, over a
 * {@link FakeHostHandle} (a fake: the commands' real behaviour is covered by the lab IT) that
 * answers with outputs captured on the lab.
 */
class StateReaderTest {
    private FakeHostHandle joinedHost() {
        FakeHostHandle h = new FakeHostHandle(Captured.H2)
                .answer(StateCommands.DOCKER_INFO, 0, Captured.own("docker-info-init-h2-joined.json"), "")
                .answer(StateCommands.DOCKER_UNIT, 0, Captured.own("systemctl-cat-docker-init-h2-with-dropin.txt"), "")
                .answer(StateCommands.DAEMON_JSON, StateCommands.NO_DAEMON_JSON, "", "")
                .answer(StateCommands.RUNNING_CONTAINERS, 0, "0a1b2c3d4e5f\n9f8e7d6c5b4a\n", "")
                .answer(StateCommands.NETWORKS, 0, Captured.own("network-inspect-init-h2-joined.json"), "");
        h.files.put(DockerdDropIn.PATH, Captured.own("dropin-init-h2.conf"));
        return h;
    }

    @Test
    void aJoinedHostReadsAsCaptured() {
        HostState s = StateReader.read(joinedHost(), Optional.empty(), List.of("198.19.144.11:2379"));

        assertEquals(Optional.of(Captured.STORE_URL), s.dockerInfo().value().orElseThrow().clusterStore());
        assertEquals(Optional.empty(), s.daemonJson().value().orElseThrow(), "exit 3 means no daemon.json");
        assertEquals(Optional.of(Captured.own("dropin-init-h2.conf")), s.dropIn().value().orElseThrow());
        assertEquals(2, s.runningContainers().value().orElseThrow());
        assertEquals(Optional.of(java.util.Set.of("labnet")), s.overlayNetworkNames());
        assertEquals(1, s.storeAnswers().size());
        assertTrue(s.storeAnswers().get(0).healthy());
    }

    @Test
    void aStoreContainerThatIsNotThereIsKnownAbsent() {
        FakeHostHandle h = joinedHost().answer(StateCommands.inspectContainer("ovl-kv-etcd"), 1, "",
                "Error: No such container: ovl-kv-etcd");
        HostState s = StateReader.read(h, Optional.of("ovl-kv-etcd"), List.of());
        assertEquals(Optional.of(Optional.empty()), s.storeContainer().value());
    }

    @Test
    void dockerDownMakesItsFactsUnknownWithTheReason() {
        FakeHostHandle h = joinedHost()
                .answer(StateCommands.DOCKER_INFO, 1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.")
                .answer(StateCommands.inspectContainer("ovl-kv-etcd"), 1, "", "Cannot connect to the Docker daemon");
        HostState s = StateReader.read(h, Optional.of("ovl-kv-etcd"), List.of());

        assertFalse(s.dockerInfo().isKnown());
        assertTrue(s.dockerInfo().why().contains("Cannot connect to the Docker daemon"), s.dockerInfo().why());
        assertFalse(s.storeContainer().isKnown(), "another error than 'No such container' is not 'absent'");
        assertTrue(s.dockerUnit().isKnown());
    }
}
