package io.ovl.draft;

import io.ovl.topology.Become;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The file's {@code ssh:} defaults as the operator gave them on the command line ({@code --user},
 * {@code --port}, {@code --identity}, {@code --known-hosts}, {@code --become}); a host typed as
 * {@code USER@HOST:PORT} overrides user and port for itself. Paths are absolute, so the file works
 * wherever it is moved. Host keys are always checked strictly.
 */
public record DraftSsh(Optional<String> user, Optional<Integer> port, List<Path> identityFiles,
                       Optional<Path> knownHosts, Become become) {
    public DraftSsh {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(port, "port");
        identityFiles = identityFiles.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        knownHosts = knownHosts.map(p -> p.toAbsolutePath().normalize());
        Objects.requireNonNull(become, "become");
    }
}
