package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher's --version shortcut must say exactly what picocli's --version says. */
class MainTest {
    @Test
    void versionShortcutPrintsWhatPicocliPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, Main.printVersion(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        Cli.Run picocli = Cli.run("--version");
        assertEquals(picocli.out().strip(), bytes.toString(StandardCharsets.UTF_8).strip());
        assertTrue(picocli.out().startsWith("ovl "), picocli.out());
    }

    @Test
    void shortcutOnlyForVersionAlone() {
        assertTrue(Main.versionOnly("--version"));
        assertTrue(Main.versionOnly("-V"));
        assertFalse(Main.versionOnly("validate", "--version"));
        assertFalse(Main.versionOnly("--version", "--verbose"));
        assertFalse(Main.versionOnly("--help"));
        assertFalse(Main.versionOnly());
    }
}
