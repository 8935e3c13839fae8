package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * When the lab cannot start, tests that need it are skipped with the reason, not failed and not
 * silently passed.
 */
class LabUnavailableIT {

    @Test
    void aLabThatCannotStartAbortsTheTestWithTheReason() {
        TestAbortedException aborted = assertThrows(TestAbortedException.class,
                () -> Lab.start(Lab.uniqueName("bad"), List.of("99"), 0));
        String why = aborted.getMessage();
        // As root, lab/up itself refuses the engine; otherwise the root check comes first.
        assertTrue(why.contains("unknown engine '99'") || why.contains("needs root"), why);
    }
}
