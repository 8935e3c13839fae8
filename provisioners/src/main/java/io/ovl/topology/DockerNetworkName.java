package io.ovl.topology;

import io.ovl.core.Finding;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Network names Docker accepts, minus the networks every Docker host already has. */
public final class DockerNetworkName {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** Predefined on every Docker host (ingress and docker_gwbridge in swarm mode). */
    private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "ingress", "docker_gwbridge");

    private DockerNetworkName() {
    }

    /** A finding at path "name" when the name cannot be used, else empty. */
    public static Optional<Finding> check(String name) {
        if (name.isEmpty()) {
            return Optional.of(Finding.error("name", "missing network name", "add 'name: mynet'"));
        }
        if (!VALID.matcher(name).matches()) {
            return Optional.of(Finding.error("name", "'" + name + "' is not a valid Docker network name",
                    "start with a letter or digit, then letters, digits, '_', '.' or '-'"));
        }
        if (PREDEFINED.contains(name)) {
            return Optional.of(Finding.error("name", "'" + name + "' is a network Docker predefines",
                    "choose another name"));
        }
        return Optional.empty();
    }
}
