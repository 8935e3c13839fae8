package io.ovl.ssh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell contract against the FAKE (scripted answers); HostSessionContractIT runs it against real sshd. */
class FakeRemoteShellContractTest extends RemoteShellContract {

    private final FakeRemoteShell fake = new FakeRemoteShell(HOST);

    @Override
    RemoteShell shell() {
        return fake;
    }

    @Override
    void given(RemoteCommand command, int exitCode, byte[] stdout, String stderr) {
        fake.on(command, exitCode, stdout, stderr);
    }

    @Test
    void anUnscriptedCommandFailsTheTestNamingIt() {
        fake.on(RemoteCommand.of("true"), "");
        AssertionError e = assertThrows(AssertionError.class, () -> fake.run(RemoteCommand.of("rm", "-rf", "/x")));
        assertTrue(e.getMessage().contains("unexpected command rm -rf /x"), e.getMessage());
    }

    @Test
    void stdinIsPartOfTheKey() {
        fake.on(RemoteCommand.of("cat").withStdin(new byte[] {1}), "one");
        assertEquals("one", fake.run(RemoteCommand.of("cat").withStdin(new byte[] {1})).stdoutText());
        assertThrows(AssertionError.class, () -> fake.run(RemoteCommand.of("cat").withStdin(new byte[] {2})));
    }
}
