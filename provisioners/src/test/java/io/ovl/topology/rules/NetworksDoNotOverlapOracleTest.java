package io.ovl.topology.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.IpVersion;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The sweep finds exactly what the old check of every pair found, message for message. */
class NetworksDoNotOverlapOracleTest {
    /** The check as it was before the sweep: every subnet against every subnet of every earlier network. */
    static List<Finding> quadratic(Topology t) {
        List<Finding> out = new ArrayList<>();
        List<NetworkSpec> nets = t.networks();
        for (int i = 0; i < nets.size(); i++) {
            List<Prefix> subnets = nets.get(i).subnets();
            for (int k = 0; k < subnets.size(); k++) {
                Prefix subnet = subnets.get(k).network();
                earlier:
                for (int j = 0; j < i; j++) {
                    for (Prefix e : nets.get(j).subnets()) {
                        Prefix earlier = e.network();
                        if (subnet.overlaps(earlier)) {
                            out.add(Finding.error("networks[" + i + "].subnet" + (subnets.size() == 1 ? "" : "[" + k + "]"),
                                    "subnet " + subnet + " overlaps subnet " + earlier + " of network '" + nets.get(j).name()
                                            + "' (networks[" + j + "])",
                                    "give each network its own, non-overlapping subnet"));
                            break earlier;
                        }
                    }
                }
            }
        }
        return out;
    }

    static Topology withNetworks(List<NetworkSpec> nets) {
        return new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(Host.of("a", "198.18.0.1")), nets);
    }

    /** Random prefixes crowded into a small space (so many overlap, nest and repeat), both families, some dual-stack, some without a subnet. */
    static List<NetworkSpec> random(Random rnd, int n) {
        List<NetworkSpec> nets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(20) == 0) {
                nets.add(new NetworkSpec("n" + i, List.of(),
                        false, false, false, OptionalInt.empty(), Map.of()));
                continue;
            }
            if (rnd.nextInt(5) == 0) { // dual stack: one subnet of each family
                nets.add(new NetworkSpec("n" + i, List.of(IpamPool.of(prefix(rnd, IpVersion.V4)), IpamPool.of(prefix(rnd, IpVersion.V6))),
                        false, false, false, OptionalInt.empty(), Map.of()));
                continue;
            }
            nets.add(NetworkSpec.of("n" + i, prefix(rnd, rnd.nextInt(3) == 0 ? IpVersion.V6 : IpVersion.V4)));
        }
        return nets;
    }

    private static Prefix prefix(Random rnd, IpVersion version) {
        // Addresses vary in the top 12 bits only, lengths 0..16: plenty of nesting and equal prefixes.
        BigInteger value = BigInteger.valueOf(rnd.nextInt(1 << 12)).shiftLeft(version.bits() - 12);
        if (rnd.nextInt(4) == 0) {
            value = value.add(BigInteger.valueOf(rnd.nextInt(1000))); // host bits set: network() clears them
        }
        return new Prefix(new IpAddress(version, value), rnd.nextInt(17));
    }

    @RepeatedTest(30)
    void sameFindingsAsCheckingEveryPair(RepetitionInfo info) {
        Random rnd = new Random(info.getCurrentRepetition());
        Topology t = withNetworks(random(rnd, 1 + rnd.nextInt(400)));
        assertEquals(quadratic(t), new NetworksDoNotOverlap().check(t));
    }

    @Test
    void manyNetworksWithManyOverlaps() {
        Topology t = withNetworks(random(new Random(42), 3000));
        List<Finding> expected = quadratic(t);
        assertEquals(expected, new NetworksDoNotOverlap().check(t));
        assertTrue(expected.size() > 1000, "the sample must overlap a lot: " + expected.size());
    }

    @Test
    void twentyThousandEqualSubnetsAllNameTheFirst() {
        List<NetworkSpec> nets = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            nets.add(NetworkSpec.of("n" + i, Prefix.parse("172.16.16.0/24")));
        }
        List<Finding> f = new NetworksDoNotOverlap().check(withNetworks(nets));
        assertEquals(19_999, f.size());
        assertEquals("subnet 172.16.16.0/24 overlaps subnet 172.16.16.0/24 of network 'n0' (networks[0])", f.get(19_998).message());
    }
}
