package io.ovl.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test support, a FAKE for unit tests of code that batches commands ({@link CommandBatch}): it
 * answers the one exact batch request it is given by running each batched command on another
 * (fake) shell and framing the answers as {@code sh} runs the batch script would, written here
 * from the framing described in {@link CommandBatch}'s javadoc; every other command goes to that
 * shell unchanged. {@code CommandBatchTest} runs the real script through a real {@code sh} to
 * show this is the framing the script produces.
 */
public final class FramedBatchShell implements RemoteShell {
    private final RemoteShell perCommand;
    private final CommandBatch batch;

    public FramedBatchShell(RemoteShell perCommand, CommandBatch batch) {
        this.perCommand = perCommand;
        this.batch = batch;
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        if (!command.equals(batch.request())) {
            return perCommand.run(command);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String host = "";
        write(out, "\n" + batch.marker() + " start\n");
        write(err, "\n" + batch.marker() + " start\n");
        for (int i = 0; i < batch.commands().size(); i++) {
            CommandResult r = perCommand.run(batch.commands().get(i));
            host = r.host();
            out.writeBytes(r.stdout());
            write(out, "\n" + batch.marker() + " " + i + " " + r.exitCode() + "\n");
            err.writeBytes(r.stderr());
            write(err, "\n" + batch.marker() + " " + i + "\n");
        }
        return new CommandResult(host, command, 0, out.toByteArray(), err.toByteArray());
    }

    private static void write(ByteArrayOutputStream to, String text) {
        to.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
