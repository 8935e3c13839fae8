package io.ovl.ssh;

import io.ovl.core.OvlException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The contract every {@link RemoteShell} keeps, run against the real {@link HostSession}
 * (HostSessionContractIT, a real sshd) and against {@link FakeRemoteShell}
 * (FakeRemoteShellContractTest). {@link #given} states what a real host does for a command: the
 * real implementation ignores it (the host really does it), the fake is scripted with it. So the
 * same assertions prove the fake answers like a real host for what provisioner tests script.
 */
abstract class RemoteShellContract {

    /** The implementation under test, with label {@link #HOST}. */
    abstract RemoteShell shell();

    /** A real host answers {@code command} like this; a fake must be told. */
    abstract void given(RemoteCommand command, int exitCode, byte[] stdout, String stderr);

    private void given(RemoteCommand command, int exitCode, String stdout, String stderr) {
        given(command, exitCode, stdout.getBytes(StandardCharsets.UTF_8), stderr);
    }

    static final String HOST = "contract-host";

    @Test
    void everyArgumentArrivesAsOneArgumentByteForByte() {
        for (String value : RemoteCommandTest.HOSTILE) {
            RemoteCommand cmd = RemoteCommand.of("printf", "[%s]\\n", "first", value, "last");
            String expected = "[first]\n[" + value + "]\n[last]\n";
            given(cmd, 0, expected, "");
            CommandResult r = shell().run(cmd);
            assertEquals(0, r.exitCode());
            assertEquals(expected, r.stdoutText(), "value " + value);
        }
    }

    @Test
    void nonZeroExitIsAResultNotAnException() {
        RemoteCommand cmd = RemoteCommand.script("echo out; echo oops >&2; exit 3");
        given(cmd, 3, "out\n", "oops\n");
        CommandResult r = shell().run(cmd);
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdoutText());
        assertEquals("oops\n", r.stderrText());
        assertEquals(HOST, r.host());
        assertEquals(cmd, r.command());
    }

    @Test
    void requireSuccessNamesHostStepCommandAndStderr() {
        RemoteCommand cmd = RemoteCommand.of("ls", "/no/such/dir");
        given(cmd, 2, "", "ls: cannot access '/no/such/dir': No such file or directory\n");
        OvlException e = assertThrows(OvlException.class, () -> shell().run(cmd).requireSuccess("list the dir"));
        assertEquals("host " + HOST + ": list the dir: `ls /no/such/dir` exited with status 2: "
                + "ls: cannot access '/no/such/dir': No such file or directory", e.getMessage());
    }

    @Test
    void stdinIsDeliveredByteForByte() {
        byte[] input = new byte[70_000]; // more than one SSH window packet
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + 7);
        }
        RemoteCommand cmd = RemoteCommand.of("od", "-An", "-v", "-tx1").withStdin(input);
        StringBuilder od = new StringBuilder();
        for (int i = 0; i < input.length; i += 16) {
            for (int j = i; j < Math.min(i + 16, input.length); j++) {
                od.append(' ').append(String.format("%02x", input[j] & 0xff));
            }
            od.append('\n');
        }
        given(cmd, 0, od.toString(), "");
        assertEquals(od.toString(), shell().run(cmd).stdoutText());
    }

    @Test
    void binaryStdoutIsReturnedUnchanged() {
        RemoteCommand cmd = RemoteCommand.of("printf", "\\000\\377\\n\\001");
        given(cmd, 0, new byte[] {0, (byte) 0xff, '\n', 1}, "");
        byte[] out = shell().run(cmd).stdout();
        assertArrayEquals(new byte[] {0, (byte) 0xff, '\n', 1}, out);
    }
}
