package io.ovl.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Appends first-seen host keys (host-key-policy: accept-new). One writer is shared by all sessions
 * of a {@link SshConnector}, and appends are serialised on it, because hosts connect in parallel
 * and may record into the same file. Entries are written unhashed, {@code name algorithm base64}.
 */
public final class KnownHostsWriter {

    /** The first file OpenSSH would write to: the first that is writable, or can be created. */
    public Optional<Path> firstWritable(List<Path> files) {
        for (Path file : files) {
            if (Files.exists(file) ? Files.isWritable(file) && Files.isRegularFile(file)
                    : file.toAbsolutePath().getParent() != null
                      && Files.isDirectory(file.toAbsolutePath().getParent())
                      && Files.isWritable(file.toAbsolutePath().getParent())) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    public synchronized void append(Path file, String knownHostsName, PublicKey key) throws IOException {
        String line = knownHostsName + " " + HostKeys.algorithm(key) + " "
                + Base64.getEncoder().encodeToString(HostKeys.blob(key)) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long size = ch.size();
            // Do not glue our entry onto a last line that has no newline.
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    line = "\n" + line;
                }
            }
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), size);
        }
    }
}
