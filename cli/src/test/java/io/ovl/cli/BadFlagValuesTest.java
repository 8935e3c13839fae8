package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.cli.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad flag value is exit 2 and one line "ovl: ..." naming the flag; a bad network is refused with the reason. */
class BadFlagValuesTest {
    static void oneLineNaming(Run r, String flag, String text) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ovl: ") && r.err().contains(flag) && r.err().contains(text), r.err());
    }

    @Test
    void parallelZeroTooLargeAndNotANumber() {
        String f = Cli.example("guide-consul.yaml");
        oneLineNaming(Cli.run("init", "-f", f, "--parallel", "0"), "--parallel", "must be at least 1, got 0; see 'ovl init --help'");
        oneLineNaming(Cli.run("init", "-f", f, "--parallel", "99999999999"), "'--parallel'", "'99999999999' is too large (at most 2147483647)");
        oneLineNaming(Cli.run("init", "-f", f, "--parallel", "two"), "'--parallel'", "'two' is not a whole number");
    }

    @Test
    void anOutputFormatThatDoesNotExist() {
        oneLineNaming(Cli.run("validate", "-f", Cli.example("guide-consul.yaml"), "--output", "xml"), "'--output'", "expected one of [text, json]");
    }

    @Test
    void anUnknownOptionKeepsItsSuggestionOnTheSameLine() {
        Run r = Cli.run("validate", "--outptu", "json");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @ParameterizedTest(name = "net {0} --wait -1")
    @ValueSource(strings = {"create x --subnet 10.9.0.0/24", "rm x"})
    void aNegativeOrHugeWaitIsRefused(String command) {
        oneLineNaming(Cli.run((("net " + command + " --wait -1")).split(" ")), "--wait", "must be from 0 to 2145600 seconds (596h), got -1");
        oneLineNaming(Cli.run((("net " + command + " --wait 2145601")).split(" ")), "--wait", "got 2145601");
    }

    @ParameterizedTest(name = "--subnet {0}")
    @ValueSource(strings = {"0.0.0.0/0", "224.0.0.0/24", "ff00::/8", "127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10"})
    void specialSubnetsAreRefused(String subnet) {
        Run r = Cli.run("net", "create", "x", "--subnet", subnet, "--dry-run");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ovl: error: --subnet: subnet " + subnet + " "), r.err());
        assertTrue(r.err().contains("use a private range such as 172.16.16.0/24"), r.err());
    }

    @Test
    void anAuxAddressOrLabelWithoutANameIsRefused() {
        Run r = Cli.run("net", "create", "x", "--subnet", "172.16.16.0/24", "--aux-address", "=172.16.16.2", "--label", "=x", "--dry-run");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("ovl: error: --aux-address: aux-address =172.16.16.2 has no name; give it a name: ip2=172.16.16.2"), r.err());
        assertTrue(r.err().contains("ovl: error: --label: label '=x' has no name"), r.err());
    }
}
