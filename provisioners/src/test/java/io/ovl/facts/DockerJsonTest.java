package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker version/info JSON as captured on the lab's Engine 20.10 and 26 hosts. */
class DockerJsonTest {

    @ParameterizedTest
    @CsvSource({
            "20.10.24+dfsg1, 20, 10, 24, true",
            "26.1.5+dfsg1, 26, 1, 5, false",
            "23.0.0, 23, 0, 0, false",
            "22.06.0-beta.0, 22, 6, 0, true",
            "17.03.2-ce, 17, 3, 2, true",
            "1.13.1, 1, 13, 1, true",
            "24.0.7-0ubuntu2~22.04.1, 24, 0, 7, false"})
    void engineVersions(String text, int major, int minor, int patch, boolean clusterStore) {
        EngineVersion v = EngineVersion.parse(text);
        assertEquals(List.of(major, minor, patch), List.of(v.major(), v.minor(), v.patch()));
        assertEquals(clusterStore, v.supportsClusterStore());
        assertEquals(text, v.toString());
    }

    @Test
    void engineVersionsOrderNumerically() {
        assertTrue(EngineVersion.parse("20.10.24").compareTo(EngineVersion.parse("20.10.9")) > 0);
        assertTrue(EngineVersion.parse("9.1.0").compareTo(EngineVersion.parse("20.10.0")) < 0);
        assertThrows(UnparseableOutputException.class, () -> EngineVersion.parse("dev"));
    }

    @Test
    void version2010() {
        DockerVersion v = DockerVersion.parse(Resources.text("docker-version-20.10.json"));
        DockerVersion.Server server = v.server().orElseThrow();
        assertEquals("20.10.24+dfsg1", server.version().raw());
        assertEquals("1.41", server.apiVersion());
        assertTrue(server.version().supportsClusterStore());
    }

    @Test
    void version26() {
        DockerVersion v = DockerVersion.parse(Resources.text("docker-version-26.json"));
        assertEquals("26.1.5+dfsg1", v.clientVersion());
        assertEquals("1.45", v.clientApiVersion());
        DockerVersion.Server server = v.server().orElseThrow();
        assertEquals("1.45", server.apiVersion());
        assertEquals("1.24", server.minApiVersion());
        assertFalse(server.version().supportsClusterStore());
    }

    @Test
    void versionWithTheDaemonDownHasNoServer() {
        DockerVersion v = DockerVersion.parse(Resources.text("docker-version-26-daemon-down.json"));
        assertEquals(Optional.empty(), v.server());
        assertEquals("26.1.5+dfsg1", v.clientVersion());
    }

    @Test
    void info2010Stock() {
        DockerInfo info = DockerInfo.parse(Resources.text("docker-info-20.10.json"));
        assertEquals("5ZA7:JCKL:2GKM:4EL7:DLRA:C2PR:WTVJ:G5IR:DYQ3:ZSMF:7JQK:TR4Q", info.id());
        assertEquals("facts-h1", info.name());
        assertEquals("inactive", info.swarmState());
        assertFalse(info.swarmActive());
        assertEquals(Optional.empty(), info.clusterStore());
        assertEquals(Optional.empty(), info.clusterAdvertise());
        assertEquals(List.of(), info.warnings());
        assertTrue(info.supportsClusterStore());
    }

    @Test
    void info2010WithOvlsDropIn() {
        DockerInfo info = DockerInfo.parse(Resources.text("docker-info-20.10-cluster-store.json"));
        assertEquals(Optional.of("etcd://198.18.252.250:2379/network"), info.clusterStore());
        // dockerd resolves the interface name to its address
        assertEquals(Optional.of("198.18.252.11:2376"), info.clusterAdvertise());
        assertEquals(1, info.warnings().size());
        assertTrue(info.warnings().get(0).contains("cluster-store"));
    }

    @Test
    void info26() {
        DockerInfo info = DockerInfo.parse(Resources.text("docker-info-26.json"));
        assertEquals("6f5edb7e-3fa2-4c8e-aec5-cc4131929cdd", info.id());
        assertEquals("26.1.5+dfsg1", info.serverVersion().raw());
        assertFalse(info.supportsClusterStore());
        assertEquals(Optional.empty(), info.clusterStore());
        assertEquals("Debian GNU/Linux 13 (trixie)", info.operatingSystem());
    }

    @Test
    void infoWithTheDaemonDownSaysWhy() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> DockerInfo.parse(Resources.text("docker-info-26-daemon-down.json")));
        assertTrue(e.getMessage().contains("Cannot connect to the Docker daemon"), e.getMessage());
    }

    @Test
    void activeSwarmIsReported() {
        DockerInfo info = DockerInfo.parse(Resources.text("docker-info-26-swarm-active.json"));
        assertEquals("active", info.swarmState());
        assertTrue(info.swarmActive());
    }

    @Test
    void garbageIsRejected() {
        assertThrows(UnparseableOutputException.class, () -> DockerInfo.parse("Client: Docker Engine"));
        assertThrows(UnparseableOutputException.class, () -> DockerVersion.parse("{\"Server\":null}"));
    }
}
