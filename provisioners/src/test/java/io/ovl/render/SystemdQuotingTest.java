package io.ovl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.facts.SystemdUnit;
import io.ovl.facts.SystemdWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemdQuotingTest {

    /** The arguments of the unit that ran on real systemd 252 and 257 (see README in the resources). */
    static final List<String> TRICKY = List.of("plain", "with space", "tab\there", "quote\"d", "single'q",
            "back\\slash", "100%", "%n", "$HOME", "${HOME}", "$$", ";", "a;b", "", "new\nline", "ünïcödé",
            "--label=team=net ops", "#hash", "tail\\", "'", "\"", "x\u0001y");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--cluster-store=etcd://198.18.0.10:2379,198.18.0.12:2379/network|--cluster-store=etcd://198.18.0.10:2379,198.18.0.12:2379/network",
            "with space|\"with space\"",
            "100%|100%%",
            "$HOME|$$HOME",
            "a\"b|\"a\\\"b\"",
            "a\\b|\"a\\\\b\""})
    void quotesOnlyWhatNeedsIt(String arg, String expected) {
        assertEquals(expected, SystemdQuoting.quote(arg));
    }

    @Test
    void specialWords() {
        assertEquals("\\;", SystemdQuoting.quote(";"));
        assertEquals("\"\"", SystemdQuoting.quote(""));
        assertEquals("\"a\\nb\"", SystemdQuoting.quote("a\nb"));
        assertEquals("\"x\\x01y\"", SystemdQuoting.quote("x\u0001y"));
    }

    @Test
    void roundTripsThroughOurSplitter() {
        for (String arg : TRICKY) {
            assertEquals(List.of(arg), SystemdWords.split(SystemdQuoting.quote(arg)), arg);
        }
        assertEquals(TRICKY, SystemdWords.split(SystemdQuoting.join(TRICKY)));
    }

    /**
     * The unit printed from these arguments is the one that ran on real systemd, and what systemd
     * passed to the process, byte for byte, is exactly the arguments.
     */
    @Test
    void realSystemdPassesExactlyTheseArguments() {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "printf '%s\\0' \"$@\" > /run/ovl-argv", "sh"));
        argv.addAll(TRICKY);
        String unit = Golden.required("/io/ovl/render/ovl-quote-test.service");
        String execStart = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertEquals("ExecStart=" + SystemdQuoting.join(argv), execStart);

        String observed = Golden.required("/io/ovl/render/ovl-quote-test.argv");
        List<String> received = Arrays.asList(observed.substring(0, observed.length() - 1).split("\0", -1));
        assertEquals(TRICKY, received);
        // and our own parser reads that unit the way systemd did
        assertEquals(argv, SystemdUnit.parseCat("# /etc/systemd/system/ovl-quote-test.service\n" + unit)
                .effectiveExecStart().argv());
    }
}
