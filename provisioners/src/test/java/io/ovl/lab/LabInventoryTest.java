package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the state files lab/up writes; the samples are copied from a real `lab/up` run. */
class LabInventoryTest {

    @Test
    void parsesFullAndLightHosts() {
        String tsv = """
                # name\thost\taddress\tengine\tkind
                t3-h1\th1\t198.18.236.11\t20.10\tfull
                t3-h2\th2\t198.18.236.12\t26\tfull
                t3-l1\tl1\t198.18.236.101\t-\tlight
                """;
        assertEquals(List.of(
                new LabHost("t3-h1", "h1", "198.18.236.11", "20.10", true),
                new LabHost("t3-h2", "h2", "198.18.236.12", "26", true),
                new LabHost("t3-l1", "l1", "198.18.236.101", "", false)), LabInventory.parseHosts(tsv));
    }

    @Test
    void readsTheSshPortAndWhichHostsAreMessy() {
        String tsv = """
                # name\thost\taddress\tengine\tkind\tssh-port\tmessy
                m-h1\th1\t198.19.24.11\t20.10\tfull\t2222\ttidy
                m-h2\th2\t198.19.25.12\t20.10\tfull\t2222\tmessy
                m-l1\tl1\t198.19.24.101\t-\tlight\t2222\ttidy
                """;
        assertEquals(List.of(
                new LabHost("m-h1", "h1", "198.19.24.11", "20.10", true, 2222, false),
                new LabHost("m-h2", "h2", "198.19.25.12", "20.10", true, 2222, true),
                new LabHost("m-l1", "l1", "198.19.24.101", "", false, 2222, false)), LabInventory.parseHosts(tsv));
    }

    @Test
    void rejectsABadPortOrMessyField() {
        assertThrows(IllegalArgumentException.class,
                () -> LabInventory.parseHosts("m-h1\th1\t198.19.24.11\t20.10\tfull\tssh\ttidy\n"));
        assertThrows(IllegalArgumentException.class,
                () -> LabInventory.parseHosts("m-h1\th1\t198.19.24.11\t20.10\tfull\t22\tyes\n"));
    }

    @Test
    void layoutBuildsTheUpArguments() {
        assertEquals(List.of("--engine", "20.10,20.10", "--light", "0", "--subnets", "2", "--ssh-port", "2222",
                        "--messy", "h2"),
                LabLayout.of("20.10", "20.10").withSubnets(2).withMessy("h2").withSshPort(2222).upArguments());
        assertEquals(List.of("--engine", "20.10,26", "--light", "3", "--subnets", "1", "--ssh-port", "22"),
                LabLayout.of("20.10", "26").withLight(3).upArguments());
        assertThrows(IllegalArgumentException.class, () -> LabLayout.of("20.10").withMessy("h2"));
        assertThrows(IllegalArgumentException.class, () -> LabLayout.of("20.10").withSubnets(3));
        assertEquals(List.of("--engine", "20.10,20.10", "--light", "0", "--subnets", "2", "--ssh-port", "22",
                        "--store", "zookeeper"),
                LabLayout.of("20.10", "20.10").withSubnets(2).withStore("zookeeper").upArguments());
        assertThrows(IllegalArgumentException.class, () -> LabLayout.of("20.10").withStore("consul"));
        assertEquals(List.of("--engine", "26,26", "--light", "0", "--subnets", "2", "--ssh-port", "22", "--ipv6"),
                LabLayout.of("26", "26").withSubnets(2).withIpv6().upArguments());
        assertEquals(List.of("--engine", "26", "--light", "0", "--subnets", "1", "--ssh-port", "2222", "--ipv6-only"),
                LabLayout.of("26").withIpv6().withIpv6Only().withSshPort(2222).upArguments());
    }

    @Test
    void aHostOnTheIpv6UnderlayIsListedByItsIpv6Address() {
        assertEquals(List.of(new LabHost("v6-h1", "h1", "fd6f:766c:6162:154::11", "26", true, 22, false)),
                LabInventory.parseHosts("v6-h1\th1\tfd6f:766c:6162:154::11\t26\tfull\t22\ttidy\n"));
    }

    @Test
    void rejectsALineWithMissingFieldsNamingTheLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LabInventory.parseHosts("# header\nt3-h1\th1\t198.18.236.11\n"));
        assertTrue(e.getMessage().startsWith("hosts.tsv line 2:"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThrows(IllegalArgumentException.class,
                () -> LabInventory.parseHosts("t3-h1\th1\t198.18.236.11\t20.10\tvm\n"));
    }

    @Test
    void parsesNamesEnvKeepingValuesWithEqualsAndColons() {
        Map<String, String> env = LabInventory.parseEnv("""
                LAB_NAME=t3
                LAB_NS_PREFIX=ovllab-t3.
                LAB_IPT_COMMENT=ovl-lab:t3
                WEIRD=a=b
                """);
        assertEquals("ovllab-t3.", env.get("LAB_NS_PREFIX"));
        assertEquals("ovl-lab:t3", env.get("LAB_IPT_COMMENT"));
        assertEquals("a=b", env.get("WEIRD"));
        assertEquals(4, env.size());
    }
}
