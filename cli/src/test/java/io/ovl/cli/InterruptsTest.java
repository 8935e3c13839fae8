package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The first interrupt while a command changes hosts, played by calling the handler (no signal is
 * sent: a second one, or one before any change, would end the test's JVM; those run as real
 * signals in InterruptIT). The engine is a FAKE: a lambda with one host step in flight.
 */
class InterruptsTest {
    @Test
    void theFirstInterruptWhileChangingAsksTheEngineToStopAndNamesTheHostsInFlight() {
        StringWriter err = new StringWriter();
        boolean stopped;
        int exit;
        try (Interrupts interrupts = Interrupts.install(new PrintWriter(err), Runs.INIT_ADVICE)) {
            stopped = interrupts.changing(interruption -> {
                interruption.begin("h3", "drop-in written, docker not restarted");
                interrupts.interrupted();
                boolean requested = interruption.requested();
                interruption.end("h3");
                return requested && !interruption.begin("h4", "nothing changed yet");
            });
            exit = interrupts.exitCode(0);
        }

        assertTrue(stopped, "the engine saw the request and starts no new host step");
        assertEquals("ovl: interrupted: finishing the step in flight on h3 (interrupt again to stop now)\n", err.toString());
        assertEquals(130, exit);
    }

    @Test
    void withoutAnInterruptTheExitCodeIsTheCommandsOwn() {
        try (Interrupts interrupts = Interrupts.install(new PrintWriter(new StringWriter()), Runs.RESET_ADVICE)) {
            assertEquals(4, interrupts.exitCode(interrupts.changing(interruption -> 4)));
        }
    }
}
