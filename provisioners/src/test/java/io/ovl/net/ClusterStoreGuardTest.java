package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.Fact;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.ssh.FakeRemoteShell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kv-mode cluster-store guard of the net commands: its verdict is pure logic on {@code docker
 * info} output captured from real Engines (20.10 with and without a store, 26), and {@link
 * ClusterStoreGuard#require} is run over FAKE shells (scripted answers, for the logic only: which
 * hosts are asked, and what is refused). On real hosts: InitPreflightIT in the cli module.
 */
class ClusterStoreGuardTest {
    private static final String NO_STORE = facts("docker-info-20.10.json");
    private static final String STORE = facts("docker-info-20.10-cluster-store.json");
    private static final String ENGINE_26 = facts("docker-info-26.json");

    private static String facts(String name) {
        try (var in = ClusterStoreGuardTest.class.getResourceAsStream("/io/ovl/facts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fact<DockerInfo> info(String json) {
        return Fact.known(DockerInfo.parse(json));
    }

    @Test
    void hostsWithoutAStoreAreNamedInTopologyOrderWithTheNextStep() {
        Map<String, Fact<DockerInfo>> infos = new LinkedHashMap<>();
        infos.put("docker3", info(NO_STORE));
        infos.put("docker1", info(STORE));
        infos.put("docker2", info(NO_STORE));

        assertEquals(Optional.of("docker2, docker3: dockerd has no cluster store; run `ovl init` first"),
                ClusterStoreGuard.refusal(List.of("docker1", "docker2", "docker3"), infos));
    }

    @Test
    void everyHostWithAStoreOrUnreadableIsLetThrough() {
        Map<String, Fact<DockerInfo>> infos = Map.of("h2", info(STORE), "h3", Fact.unknown("dockerd down"));
        assertEquals(Optional.empty(), ClusterStoreGuard.refusal(List.of("h2", "h3", "h4"), infos));
    }

    @Test
    void anEngineThatCannotHaveAStoreIsNotToldToRunInit() {
        Map<String, Fact<DockerInfo>> infos = Map.of("h2", info(NO_STORE), "h3", info(ENGINE_26));
        String why = ClusterStoreGuard.refusal(List.of("h2", "h3"), infos).orElseThrow();
        assertTrue(why.startsWith("h2: dockerd has no cluster store; run `ovl init` first; h3 (Engine 26.1.5"), why);
        assertTrue(why.contains("mode kv needs"), why);
    }

    @Test
    void requireAsksEveryReachedHostAndRefusesWithExit3() {
        FakeRemoteShell h2 = new FakeRemoteShell("h2").on(NetCommands.DOCKER_INFO, STORE);
        FakeRemoteShell h3 = new FakeRemoteShell("h3").on(NetCommands.DOCKER_INFO, NO_STORE);
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3", "h4"), Map.of("h2", h2, "h3", h3), Map.of("h4", "timed out"));

        OvlException e = assertThrows(OvlException.class, () -> ClusterStoreGuard.require(hosts, new ParallelHosts(2)));

        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertEquals("h3: dockerd has no cluster store; run `ovl init` first", e.getMessage());
        assertEquals(List.of(NetCommands.DOCKER_INFO), h2.calls());
        assertEquals(List.of(NetCommands.DOCKER_INFO), h3.calls());
    }
}
