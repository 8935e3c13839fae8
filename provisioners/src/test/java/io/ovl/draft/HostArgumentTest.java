package io.ovl.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostArgumentTest {
    @Test
    void userHostAndPortAreEachOptional() {
        assertEquals(new HostArgument("198.18.0.11", Optional.empty(), "198.18.0.11", Optional.empty()),
                HostArgument.parse("198.18.0.11"));
        assertEquals(new HostArgument("ovl@docker1:2222", Optional.of("ovl"), "docker1", Optional.of(2222)),
                HostArgument.parse("ovl@docker1:2222"));
        assertEquals(new HostArgument("root@[fd00::1]:22", Optional.of("root"), "fd00::1", Optional.of(22)),
                HostArgument.parse("root@[fd00::1]:22"));
        assertEquals(new HostArgument("fd00::1", Optional.empty(), "fd00::1", Optional.empty()), HostArgument.parse("fd00::1"));
        assertEquals(Optional.empty(), HostArgument.parse("docker1.example.org").ip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@h", "a b@h", "h:0", "h:65536", "h:x", "[h]:22", "[fd00::1", "fd00::zz", "-oProxyCommand=x",
        "h;rm", "h\u001b[31m"})
    void anythingElseIsAUsageErrorNamingTheArgument(String text) {
        OvlException e = assertThrows(OvlException.class, () -> HostArgument.parse(text));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("host '" + text + "': "), e.getMessage());
    }
}
