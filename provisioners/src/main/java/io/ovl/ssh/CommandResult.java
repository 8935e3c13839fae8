package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

import java.nio.charset.StandardCharsets;

/**
 * What a remote command did: its exit status and output. A non-zero exit status is a result, not
 * an exception, so callers that probe ({@code test -e}, {@code systemctl is-active}) can branch;
 * {@link #requireSuccess(String)} turns it into the per-host error when it must succeed.
 *
 * @param host     label of the host it ran on, for error messages
 * @param command  the command as asked (before any sudo wrapping)
 * @param exitCode exit status
 * @param stdout   standard output bytes
 * @param stderr   standard error bytes
 */
public record CommandResult(String host, RemoteCommand command, int exitCode, byte[] stdout, byte[] stderr) {

    public CommandResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    public static CommandResult ok(String host, RemoteCommand command, String stdout) {
        return new CommandResult(host, command, 0, stdout.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Returns this result when the exit status is 0, else throws an error naming the host, the
     * step, the command, its exit status and the first line of stderr.
     */
    public CommandResult requireSuccess(String step) {
        if (succeeded()) {
            return this;
        }
        String err = stderrText().strip();
        int nl = err.indexOf('\n');
        String firstLine = nl < 0 ? err : err.substring(0, nl);
        throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + ": `" + command.toShellString()
                + "` exited with status " + exitCode + (firstLine.isEmpty() ? "" : ": " + firstLine));
    }
}
