package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdWordsTest {

    @Test
    void systemdRulesNotTheShells() {
        assertEquals(List.of("a", "b c", "d e", "x\ty", "50%", "$HOME", "$VAR", ";", "q\"q"),
                SystemdWords.split("a \"b c\" 'd e' \"x\\ty\" 50%% $$HOME $VAR \\; \"q\\\"q\""));
        // \s is a space in systemd, \x41 a hex escape
        assertEquals(List.of("a b", "A"), SystemdWords.split("a\\sb \\x41"));
        assertEquals(List.of(), SystemdWords.split("   "));
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SystemdWords.split("/usr/bin/dockerd \"--label=a"));
    }
}
