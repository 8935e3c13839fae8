package io.ovl.cli.shell;

import io.ovl.topology.LoadResult;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The topology's names for completion, read again when the file changes: a user edits the file in
 * another window and the shell completes the new host without a restart. An invalid or missing
 * file gives no names (the commands themselves report what is wrong).
 */
final class TopologyWatch implements Supplier<TopologyNames> {
    private final Path file;
    private Optional<FileTime> readAt = Optional.empty();
    private TopologyNames names = TopologyNames.NONE;

    TopologyWatch(Path file) {
        this.file = file;
    }

    @Override
    public synchronized TopologyNames get() {
        Optional<FileTime> modified = modified();
        if (!modified.equals(readAt)) {
            readAt = modified;
            names = modified.isEmpty() ? TopologyNames.NONE : load();
        }
        return names;
    }

    private TopologyNames load() {
        LoadResult result = new TopologyLoader().load(file);
        return result.topology().map(TopologyNames::of).orElse(TopologyNames.NONE);
    }

    private Optional<FileTime> modified() {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
