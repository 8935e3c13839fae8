package io.ovl.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support, a FAKE for unit tests of code built on {@link RemoteShell} (provisioners,
 * {@link RemoteFiles}): answers are scripted per exact command (argv and stdin), every call is
 * recorded, and a command nobody scripted fails the test with the command in the message, so
 * a provisioner cannot send anything unexpected. It checks logic, never SSH: anything that
 * crosses SSH is tested against a real sshd ({@code *IT}).
 */
public final class FakeRemoteShell implements RemoteShell {

    private final String host;
    private final Map<RemoteCommand, CommandResult> answers = new LinkedHashMap<>();
    private final List<RemoteCommand> calls = new ArrayList<>();

    public FakeRemoteShell(String host) {
        this.host = host;
    }

    /** Scripts the answer for exactly this command. */
    public FakeRemoteShell on(RemoteCommand command, int exitCode, String stdout, String stderr) {
        return on(command, exitCode, stdout.getBytes(StandardCharsets.UTF_8), stderr);
    }

    public synchronized FakeRemoteShell on(RemoteCommand command, int exitCode, byte[] stdout, String stderr) {
        answers.put(command, new CommandResult(host, command, exitCode, stdout, stderr.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public FakeRemoteShell on(RemoteCommand command, String stdout) {
        return on(command, 0, stdout, "");
    }

    @Override
    public synchronized CommandResult run(RemoteCommand command) {
        calls.add(command);
        CommandResult answer = answers.get(command);
        if (answer == null) {
            throw new AssertionError("host " + host + ": unexpected command " + command
                    + "\nscripted: " + answers.keySet());
        }
        return answer;
    }

    /** Every command run, in order. */
    public synchronized List<RemoteCommand> calls() {
        return List.copyOf(calls);
    }
}
