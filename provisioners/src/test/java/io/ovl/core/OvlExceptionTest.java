package io.ovl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OvlExceptionTest {
    @Test
    void theHostsAreThoseGivenElseTheOneTheMessageNamesElseNone() {
        assertEquals(List.of("h2", "h3"), new OvlException(ExitCode.CHECKS_FAILED,
                "h2, h3: dockerd has no cluster store; run `ovl init` first", List.of("h2", "h3"), null).hosts());
        assertEquals(List.of("node2"), new OvlException(ExitCode.HOST_FAILED,
                "host node2: connect to 198.18.1.12:22: timed out after 10s").hosts());
        assertEquals(List.of(), new OvlException(ExitCode.USAGE, "topology file t.yaml does not exist").hosts());
        assertEquals(List.of(), new OvlException(ExitCode.USAGE, "hostname: x").hosts());
    }

    @Test
    void everyCodeHasADistinctNumberAndKeyAndIsFoundByItsNumber() {
        for (ExitCode c : ExitCode.values()) {
            assertEquals(c, ExitCode.of(c.code()));
        }
        assertEquals(ExitCode.values().length, Arrays.stream(ExitCode.values()).map(ExitCode::key).distinct().count());
        assertEquals(ExitCode.SOFTWARE, ExitCode.of(42));
        assertEquals(List.of(0, 1, 2, 3, 4, 130), Arrays.stream(ExitCode.values()).map(ExitCode::code).toList());
    }
}
