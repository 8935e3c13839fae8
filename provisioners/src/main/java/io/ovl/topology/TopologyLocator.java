package io.ovl.topology;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which topology file a command uses: {@code -f FILE}, else {@code $OVL_TOPOLOGY}, else
 * {@code ./topology.yaml}. A file named explicitly that does not exist, or is a directory, is an
 * error, never a reason to fall back silently to another one.
 */
public final class TopologyLocator {
    public static final String ENV = "OVL_TOPOLOGY";
    public static final String DEFAULT_FILE = "topology.yaml";

    private TopologyLocator() {
    }

    public static Path locate(Optional<Path> explicit, Map<String, String> env, Path workingDir) {
        if (explicit.isPresent()) {
            return existing(workingDir.resolve(explicit.get()), explicit.get(), "given with -f");
        }
        String fromEnv = env.getOrDefault(ENV, "");
        if (!fromEnv.isBlank()) {
            Path given;
            try {
                given = Path.of(fromEnv);
            } catch (InvalidPathException e) {
                throw new OvlException(ExitCode.USAGE, "$" + ENV + " is not a file path: " + e.getReason());
            }
            return existing(workingDir.resolve(given), given, "from $" + ENV);
        }
        Path fallback = workingDir.resolve(DEFAULT_FILE);
        if (Files.isRegularFile(fallback)) {
            return fallback;
        }
        throw new OvlException(ExitCode.USAGE, "no topology file found; tried: -f FILE (not given), $" + ENV
                + " (not set), " + (fallback.isAbsolute() ? fallback : "./" + fallback)
                + (Files.isDirectory(fallback) ? " (is a directory)" : " (does not exist)") + ". Pass -f FILE or start from examples/");
    }

    private static Path existing(Path resolved, Path asGiven, String how) {
        if (Files.isDirectory(resolved)) {
            throw new OvlException(ExitCode.USAGE, asGiven + " (" + how + ") is a directory; " + TopologyText.EXPECTED);
        }
        if (!Files.exists(resolved)) {
            throw new OvlException(ExitCode.USAGE, "topology file " + asGiven + " (" + how + ") does not exist");
        }
        return resolved;
    }
}
