package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How commands are sent to become root, and the run's sudo passwords; never the password in any text. */
class EscalationTest {
    static final RemoteCommand SH = RemoteCommand.of("sh", "-s");

    @Test
    void passwordlessSudoAndDoasPrefixTheCommand() {
        assertEquals(List.of("sudo", "-n", "--", "sh", "-s"), Escalation.of(SshTarget.Become.SUDO).wrap(SH).command().argv());
        assertEquals(List.of("doas", "-n", "--", "sh", "-s"), Escalation.of(SshTarget.Become.DOAS).wrap(SH).command().argv());
        assertEquals(List.of("sh", "-s"), Escalation.of(SshTarget.Become.NONE).wrap(SH).command().argv());
        assertTrue(Escalation.of(SshTarget.Become.SUDO).wrap(SH).handshake().isEmpty());
    }

    @Test
    void sudoWithAPasswordReadsItFromStdinAfterItsOwnPromptAndSaysWhenRoot() {
        Secret pw = Secret.of("s3cr3t pass".toCharArray(), "OVL_SUDO_PASSWORD");
        Escalation.Wrapped w = Escalation.sudoWith(pw).wrap(SH);
        List<String> argv = w.command().argv();
        assertEquals(List.of("sudo", "-S", "-p"), argv.subList(0, 3));
        assertTrue(argv.get(3).matches("ovl-sudo-prompt-[0-9a-f]{24}"), argv.get(3));
        assertEquals(List.of("--", "sh", "-c", "printf '%s\\n' \"$0\" >&2; exec \"$@\""), argv.subList(4, 8));
        assertTrue(argv.get(8).matches("ovl-sudo-ready-[0-9a-f]{24}"), argv.get(8));
        assertEquals(List.of("sh", "-s"), argv.subList(9, 11));
        assertTrue(w.handshake().isPresent());
        // Fresh words every time: a shell's prompt cannot be foretold by another.
        assertFalse(argv.get(3).equals(Escalation.sudoWith(pw).wrap(SH).command().argv().get(3)));
        // The password is in no text about the command.
        assertFalse(pw.appearsIn(w.command().toShellString()));
        assertFalse(pw.appearsIn(w.command().toString()));
        assertFalse(pw.appearsIn(Escalation.sudoWith(pw).describe(SH)));
        assertEquals("sudo -S -- sh -s", Escalation.sudoWith(pw).describe(SH));
    }

    @Test
    void aSecretNeverShowsItselfAndIsOneLine() {
        Secret pw = Secret.of("hunter2".toCharArray(), "OVL_SUDO_PASSWORD");
        assertEquals("Secret[from OVL_SUDO_PASSWORD]", pw.toString());
        assertEquals("hunter2\n", new String(pw.line(), java.nio.charset.StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Secret.of("two\nlines".toCharArray(), "X"));
        assertFalse(e.getMessage().contains("two"), e.getMessage());
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void aVariableIsReadOnceAndSharedByEveryHost() {
        List<String> asked = new ArrayList<>();
        BecomePasswords pws = new BecomePasswords(Map.of("OVL_SUDO_PASSWORD", "pw1")::get, (v, h) -> {
            asked.add(v + "@" + h);
            return Optional.of("typed".toCharArray());
        });
        Secret a = pws.get("OVL_SUDO_PASSWORD", "h1");
        assertTrue(a == pws.get("OVL_SUDO_PASSWORD", "h2"));
        assertEquals("OVL_SUDO_PASSWORD", a.source());
        // Not set: asked once on the terminal, for the first host that names it, then shared.
        Secret t = pws.get("H3_PW", "h3");
        assertTrue(t == pws.get("H3_PW", "h4"));
        assertEquals(List.of("H3_PW@h3"), asked);
        assertEquals("the terminal (for H3_PW)", t.source());
    }

    @Test
    void anUnsetVariableWithoutATerminalIsAUsageErrorNamingHostAndVariable() {
        BecomePasswords pws = BecomePasswords.of(Map.of("EMPTY", ""));
        OvlException e = assertThrows(OvlException.class, () -> pws.get("OVL_SUDO_PASSWORD", "h2"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("host h2: become-password-env names OVL_SUDO_PASSWORD, which is not set, and there is no terminal to"
                + " ask on; export OVL_SUDO_PASSWORD with the sudo password (never put it in the topology file or on the"
                + " command line)", e.getMessage());
        assertThrows(OvlException.class, () -> pws.get("EMPTY", "h2"));
        OvlException two = assertThrows(OvlException.class,
                () -> BecomePasswords.of(Map.of("PW", "a\nb")).get("PW", "h1"));
        assertFalse(two.getMessage().contains("a\nb"), two.getMessage());
    }
}
