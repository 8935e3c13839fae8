package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.cli.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --parallel below 1 is the user's mistake (exit 2, one line), on every command that takes it, before any host. */
class ParallelOptionTest {

    @ParameterizedTest(name = "ovl {0} --parallel 0")
    @ValueSource(strings = {"doctor", "init", "reset", "net ls", "net inspect x", "net rm x", "net verify x",
            "net create x --subnet 10.9.0.0/24"})
    void zeroIsAUsageErrorNotAnInternalOne(String command) {
        String[] words = (command + " --parallel 0 -f " + Cli.example("guide-consul.yaml")).split(" ");
        Run r = Cli.run(words);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ovl: --parallel must be at least 1, got 0"), r.err());
    }

    @Test
    void theHelpOfEveryHostCommandShowsTheSameOption() {
        for (String command : new String[] {"doctor", "init", "reset"}) {
            Run r = Cli.run(command, "--help");
            assertTrue(r.out().contains("--parallel=N") && r.out().contains("Hosts handled at once, 1 or more"), r.out());
        }
    }
}
