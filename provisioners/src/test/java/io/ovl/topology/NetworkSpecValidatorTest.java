package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NetworkSpecValidatorTest {
    static NetworkSpec spec(Optional<Prefix> subnet, Optional<Prefix> range, Optional<IpAddress> gw, OptionalInt mtu) {
        return new NetworkSpec("n", subnet, range, gw, Map.of(), false, false, false, mtu, Map.of());
    }

    @Test
    void mtuRange() {
        Prefix s = Prefix.parse("10.0.0.0/24");
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(68))));
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(9000))));
        List<Finding> low = NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(67)));
        assertEquals("mtu", low.get(0).subject());
        assertEquals(1, NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(9001))).size());
    }

    @Test
    void withoutSubnetDockerChoosesButRangeAndGatewayAreRefused() {
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty())));
        List<Finding> f = NetworkSpecValidator.validate(spec(Optional.empty(), Optional.of(Prefix.parse("10.0.0.0/25")),
                Optional.of(IpAddress.parse("10.0.0.1")), OptionalInt.empty()));
        assertEquals(List.of("ip-range", "gateway"), f.stream().map(Finding::subject).toList());
        assertTrue(f.get(0).message().contains("needs a subnet"));
    }
}
