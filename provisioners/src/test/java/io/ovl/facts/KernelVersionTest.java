package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KernelVersionTest {

    @ParameterizedTest
    @CsvSource({
            "4.2.0-34-generic, 4, 2, 0",
            "3.10.0-1160.el7.x86_64, 3, 10, 0",
            "6.1.0-13-amd64, 6, 1, 0",
            "5.15.0-1019-azure, 5, 15, 0",
            "6.18.44-fc-v769, 6, 18, 44",
            "4.19-rc1, 4, 19, 0",
            "5.4.266+, 5, 4, 266"})
    void parsesRealReleaseStrings(String release, int major, int minor, int patch) {
        KernelVersion v = KernelVersion.parse(release + "\n");
        assertEquals(major, v.major());
        assertEquals(minor, v.minor());
        assertEquals(patch, v.patch());
        assertEquals(release, v.release());
    }

    @Test
    void parsesThisMachinesCapturedUnameR() {
        KernelVersion v = KernelVersion.parse(Resources.text("uname-r-this-machine.txt"));
        assertEquals("6.18.44-fc-v769", v.release());
        assertTrue(v.atLeast(3, 16));
    }

    @Test
    void atLeastComparesMajorBeforeMinor() {
        assertFalse(KernelVersion.parse("3.10.0-1160.el7.x86_64").atLeast(3, 16));
        assertTrue(KernelVersion.parse("3.16.0-4-amd64").atLeast(3, 16));
        assertTrue(KernelVersion.parse("4.2.0-34-generic").atLeast(3, 16));
        assertFalse(KernelVersion.parse("2.6.32-754.el6.x86_64").atLeast(3, 16));
        // minor 2 < 16 must not matter once the major is larger
        assertTrue(KernelVersion.parse("4.2.0").atLeast(3, 16));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "generic", "v6.1", "6", "6.x.1", "6.1.0\n6.2.0", "99999999999.1"})
    void rejectsWhatIsNotAKernelReleaseWithTheTextInTheMessage(String text) {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class, () -> KernelVersion.parse(text));
        assertTrue(e.getMessage().contains("uname -r"), e.getMessage());
        assertTrue(e.getMessage().contains(text.strip().lines().findFirst().orElse("")), e.getMessage());
    }
}
