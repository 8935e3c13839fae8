package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure naming and addressing functions of lab/lib/common.sh, run with bash (no root, no lab):
 * every name a lab creates must fit Linux's 15-character interface names, labs with different
 * names must get different prefixes, and addresses must stay inside 198.18.0.0/15.
 */
class LabNamingTest {

    private static final Path COMMON = Path.of("..", "lab", "lib", "common.sh").toAbsolutePath().normalize();

    private static String bash(String script) {
        assumeTrue(Files.isReadable(COMMON), "lab/lib/common.sh not found at " + COMMON);
        CommandResult r = LocalProcess.run(Path.of("."), Duration.ofSeconds(30),
                List.of("bash", "-c", "set -euo pipefail; source \"$1\"; " + script, "_", COMMON.toString()));
        assertEquals(0, r.exitCode(), r.describe());
        return r.stdout().strip();
    }

    @Test
    void interfaceNamesOfTheLongestNameAndHighestHostNumbersFitFifteenCharacters() {
        String names = bash("set_lab_names abcdefghij-klmnopqrs; "
                + "host_veth h89; echo; host_veth l150; echo; bridge_name 2; echo; echo ${LAB_RT_PREFIX}2");
        for (String name : names.split("\n")) {
            assertTrue(name.length() <= 15, name + " is longer than 15 characters");
        }
    }

    @Test
    void shortNamesAreUsedAsTheyAreAndLongOnesAreHashed() {
        assertEquals("olbovl-1", bash("set_lab_names ovl; bridge_name 1"));
        String longId = bash("set_lab_names provisioners-ssh; echo $LAB_ID");
        assertTrue(longId.matches("x[0-9a-f]{6}"), longId);
    }

    @Test
    void differentNamesGetDifferentPrefixesEvenWhenOneStartsWithTheOther() {
        String a = bash("set_lab_names it; echo $LAB_NS_PREFIX $LAB_IF_PREFIX $LAB_BR_PREFIX");
        String b = bash("set_lab_names it-2; echo $LAB_NS_PREFIX $LAB_IF_PREFIX $LAB_BR_PREFIX");
        String[] pa = a.split(" ");
        String[] pb = b.split(" ");
        for (int i = 0; i < pa.length; i++) {
            assertNotEquals(pa[i], pb[i]);
            assertTrue(!pb[i].startsWith(pa[i]) && !pa[i].startsWith(pb[i]), pa[i] + " vs " + pb[i]);
        }
    }

    @Test
    void slotsMapToDistinctSubnetsInsideTheBenchmarkingRange() {
        assertEquals("198.18.0 198.18.1 198.18.4 198.19.252 198.19.253",
                bash("echo $(subnet_prefix 0 1) $(subnet_prefix 0 2) $(subnet_prefix 1 1) "
                        + "$(subnet_prefix 127 1) $(subnet_prefix 127 2)"));
    }

    @Test
    void theDefaultSlotDependsOnlyOnTheName() {
        String first = bash("default_index docker");
        assertEquals(first, bash("default_index docker"));
        int slot = Integer.parseInt(first);
        assertTrue(slot >= 0 && slot < 128, first);
    }

    @Test
    void rejectsNamesThatWouldBreakThePrefixScheme() {
        CommandResult r = LocalProcess.run(Path.of("."), Duration.ofSeconds(30),
                List.of("bash", "-c", "source \"$1\"; set_lab_names 'a.b'", "_", COMMON.toString()));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("bad --name 'a.b'"), r.stderr());
    }
}
