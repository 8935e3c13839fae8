package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input users really gave ovl that once ended in an internal error, a hang, or a wrong "valid". */
class TopologyBadInputTest {
    static final Path HOME = Path.of("/home/me");

    static LoadResult load(String yaml) {
        return new TopologyLoader(HOME).parse("topology.yaml", yaml, Path.of("/etc/ovl"));
    }

    static List<String> errors(String yaml) {
        return load(yaml).errors().stream().map(Finding::format).toList();
    }

    static final String SWARM_HOST = "mode: swarm\nhosts: [{name: a, address: 198.18.0.1}]\n";

    @Test
    void aTimeoutBeyondWhatTheCodeCanHoldIsRefusedAtItsLine() {
        assertEquals(List.of("topology.yaml:2:24: ssh.connect-timeout: '99999999999999999999s' is longer than the maximum"
                        + " 596h; give at most 596h (about 24 days; SSH takes timeouts up to 2^31-1 ms), e.g. 10s or 10m"),
                errors("mode: swarm\nssh: {connect-timeout: 99999999999999999999s}\nhosts: [{name: a, address: b}]\n"));
    }

    @Test
    void aTimeoutThatWouldOverflowSshjIsRefusedForEveryDurationKey() {
        List<String> l = errors("mode: swarm\nssh: {connect-timeout: 597h}\n"
                + "hosts: [{name: a, address: b, ssh: {command-timeout: 9999999h}}]\n");
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:2:24: ssh.connect-timeout: '597h' is longer than the maximum 596h"), l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:3:54: hosts[0].ssh.command-timeout: '9999999h' is longer"), l.get(1));
        LoadResult atMax = load("mode: swarm\nssh: {connect-timeout: 596h, command-timeout: 596h}\nhosts: [{name: a, address: b}]\n");
        assertEquals(Duration.ofHours(596), atMax.orThrow().ssh().connectTimeout());
    }

    @Test
    void aKvStoreHostWithAnIpv6AddressIsRefusedNamingTheHostAndWhy() {
        List<String> l = errors("mode: kv\nkv-store: {hosts: [kv1]}\nhosts:\n  - {name: kv1, address: 'fd00::10', overlay: false}\n"
                + "  - {name: n1, address: 'fd00::11'}\n");
        assertEquals(2, l.size(), l.toString());
        assertEquals("topology.yaml:4:26: hosts[0].address: host 'kv1' runs the kv store (kv-store.hosts), which ovl runs"
                + " on the IPv4 underlay, but its address fd00::10 is an IPv6 address (mode: kv cannot carry overlay traffic"
                + " over an IPv6 underlay (Docker Engine < 25 sends no VXLAN to IPv6 peers, moby#41691, fixed by moby PR"
                + " #46790 in Engine 25, which has no kv mode)); give kv1 an IPv4 'address:' or an IPv4"
                + " 'advertise:' the store can bind to, or point kv-store.url at an existing store", l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:5:25: hosts[1].address: host 'n1' would send overlay traffic from its"
                + " IPv6 address fd00::11, but mode: kv cannot carry overlay traffic over an IPv6 underlay"), l.get(1));
        assertTrue(l.get(1).endsWith("; give n1 an IPv4 'advertise:' (a dual-stack host: its IPv4 address, or an interface"
                + " that has one), or use mode: swarm on Engine 25 or later"), l.get(1));
    }

    /** kv mode on IPv6-addressed hosts is fine with an IPv4 (or interface) advertise; swarm mode takes IPv6 as it is. */
    @Test
    void ipv6AddressedHostsAreValidWithAnIpv4AdvertiseInKvModeAndAsTheyAreInSwarmMode() {
        assertEquals(List.of(), errors("mode: kv\nkv-store: {hosts: [kv1]}\nhosts:\n"
                + "  - {name: kv1, address: 'fd00::10', advertise: 198.18.0.10, overlay: false}\n"
                + "  - {name: n1, address: 'fd00::11', advertise: 198.18.0.11}\n  - {name: n2, address: 'fd00::12', advertise: eth0}\n"));
        assertEquals(List.of(), errors("mode: swarm\nhosts:\n  - {name: m1, address: 'fd00::10', role: manager}\n"
                + "  - {name: n1, address: 'fd00::11', advertise: 'fd00::11'}\n"));
        List<String> l = errors("mode: kv\nkv-store: {backend: etcd, url: 'etcd://[fd00::1]:2379'}\nhosts:\n"
                + "  - {name: n1, address: 198.18.0.11, advertise: 'fd00::11'}\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).contains("hosts[0].advertise: host 'n1' would send overlay traffic from its IPv6 advertise fd00::11"), l.get(0));
    }

    @Test
    void aKvStoreHostReachedByNameNeedsAnIpv4AdvertiseAndOneWithItIsValid() {
        List<String> l = errors("mode: kv\nkv-store: {hosts: [kv1]}\nhosts: [{name: kv1, address: kv.example, advertise: eth0}]\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).contains("neither its advertise (eth0) nor its address (kv.example) is an IPv4 address"), l.get(0));
        assertTrue(load("mode: kv\nkv-store: {hosts: [kv1]}\nhosts: [{name: kv1, address: 'fd00::10', advertise: 198.18.0.10}]\n").valid());
    }

    @ParameterizedTest(name = "subnet {0}")
    @ValueSource(strings = {"0.0.0.0/0", "224.0.0.0/24", "ff00::/8", "127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10", "::/0"})
    void specialSubnetsAreRefusedInTheFile(String subnet) {
        List<String> l = errors(SWARM_HOST + "networks: [{name: n, subnet: '" + subnet + "'}]\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:3:") && l.get(0).contains("networks[0].subnet: subnet " + subnet), l.get(0));
        assertTrue(l.get(0).endsWith("use a private range such as 172.16.16.0/24 (RFC 1918) or fd00:16::/64 (RFC 4193)"), l.get(0));
    }

    @ParameterizedTest(name = "url {0}")
    @ValueSource(strings = {"consul://198.18.0.5:99999", "consul://198.18.0.5:0", "consul://198.18.0.5:", "consul://198.18.0.5:123456789012"})
    void aKvStoreUrlPortOutsideTheRangeIsRefused(String url) {
        List<String> l = errors("mode: kv\nkv-store: {url: '" + url + "'}\nhosts: [{name: a, address: 198.18.0.1}]\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:2:17: kv-store.url: url " + url + " has port"), l.get(0));
        assertTrue(l.get(0).contains("outside 1..65535"), l.get(0));
    }

    @Test
    void portsAreOneTo65535WhereverTheFileHasOne() {
        List<String> l = errors("mode: kv\nssh: {port: 0, proxy-jump: 'me@jump:99999'}\nkv-store: {port: 65536, url: 'consul://h:65535'}\n"
                + "hosts: [{name: a, address: b, ssh: {port: 70000, proxy-jump: '[fd00::1]:22'}}]\n");
        assertEquals(4, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:2:13: ssh.port: 0 is out of range"), l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:2:28: ssh.proxy-jump: proxy-jump 'me@jump:99999' has port '99999',"
                + " not a number from 1 to 65535"), l.get(1));
        assertTrue(l.get(2).startsWith("topology.yaml:3:18: kv-store.port: 65536 is out of range"), l.get(2));
        assertTrue(l.get(3).startsWith("topology.yaml:4:43: hosts[0].ssh.port: 70000 is out of range"), l.get(3));
    }

    @Test
    void emptyAuxAddressAndLabelNamesAreRefused() {
        List<String> l = errors(SWARM_HOST + "networks:\n  - name: n\n    subnet: 172.16.16.0/24\n"
                + "    aux-addresses: {'': 172.16.16.2}\n    labels: {'': x}\n");
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:6:25: networks[0].aux-addresses.: aux-address =172.16.16.2 has no name"), l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:7:18: networks[0].labels.: label '=x' has no name"), l.get(1));
    }

    @Test
    void encryptedAndMtuAsDriverOptionsAreRefusedNamingTheirOwnKeys() {
        List<String> l = errors(SWARM_HOST + "networks:\n  - name: n\n    subnet: 172.16.16.0/24\n"
                + "    options: {encrypted: '', com.docker.network.driver.mtu: 1400, ok.opt: x}\n");
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:6:26: networks[0].options.encrypted: encryption is ovl's own key"), l.get(0));
        assertTrue(l.get(0).contains("encrypted: true"), l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:6:61: networks[0].options.com.docker.network.driver.mtu: the MTU"), l.get(1));
        assertTrue(l.get(1).contains("mtu: 1400"), l.get(1));
    }

    @Test
    void deepNestingIsOneClearErrorNotAStackOverflow() {
        List<String> l = errors(SWARM_HOST + "networks: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).matches("topology\\.yaml:3:\\d+: mappings and lists nested deeper than 32 levels; .*"), l.get(0));
    }

    @Test
    void aliasesAreNeverExpandedAndReportedAtMostTwentyTimes() {
        StringBuilder yaml = new StringBuilder(SWARM_HOST + "networks:\n  - &a {name: n}\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - *a\n");
        }
        List<String> l = errors(yaml.toString());
        long aliases = l.stream().filter(s -> s.contains("YAML aliases (*a) are not supported")).count();
        assertEquals(20, aliases, l.toString());
    }

    @Test
    void aDirectoryIsNamedAsOne(@TempDir Path dir) {
        OvlException e = assertThrows(OvlException.class, () -> new TopologyLoader(HOME).load(dir));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(dir + " is a directory; expected a topology YAML file", e.getMessage());
    }

    @Test
    void aDirectoryGivenWithDashFIsNamedAsOne(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("conf"));
        OvlException e = assertThrows(OvlException.class,
                () -> TopologyLocator.locate(Optional.of(Path.of("conf")), Map.of(), dir));
        assertEquals("conf (given with -f) is a directory; expected a topology YAML file", e.getMessage());
    }

    @Test
    void aBinaryFileNamesTheFirstByteThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ovl.bin");
        Files.write(f, new byte[] {'m', 'o', 'd', 'e', ':', ' ', (byte) 0xd0, 0x01, 0x7f});
        OvlException e = assertThrows(OvlException.class, () -> new TopologyLoader(HOME).load(f));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(f + " is not UTF-8 text (byte 0xd0 at offset 6); expected a topology YAML file", e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("huge.yaml");
        Files.writeString(f, "#".repeat(TopologyText.MAX_BYTES + 1));
        OvlException e = assertThrows(OvlException.class, () -> new TopologyLoader(HOME).load(f));
        assertTrue(e.getMessage().startsWith(f + " is larger than 10 MiB; expected a topology YAML file"), e.getMessage());
    }

    @Test
    void aFileJustUnderTheLimitIsStillReadByTheYamlParser(@TempDir Path dir) throws Exception {
        // SnakeYAML's own limit is 3 M code points; ours is the one that counts.
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, SWARM_HOST + "#".repeat(5 * 1024 * 1024) + "\n");
        assertTrue(new TopologyLoader(HOME).load(f).valid());
    }

    @Test
    void anUnreadableFileSaysSo(@TempDir Path dir) throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path f = dir.resolve("secret.yaml");
        Files.writeString(f, SWARM_HOST);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        OvlException e = assertThrows(OvlException.class, () -> new TopologyLoader(HOME).load(f));
        assertEquals("cannot read " + f + ": permission denied; expected a topology YAML file you may read"
                + " (check its mode and owner)", e.getMessage());
        assertFalse(Files.isReadable(f));
    }
}
