package io.ovl.topology.load;

import io.ovl.core.Finding;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every binder shares while reading one file: where relative paths start, the home directory
 * for {@code ~}, and the problems found so far (binding goes on after a problem so that all of
 * them are reported).
 */
final class BindContext {
    private final Path baseDir;
    private final Path home;
    private final List<Located> problems = new ArrayList<>();

    BindContext(Path baseDir, Path home) {
        this.baseDir = baseDir;
        this.home = home;
    }

    void report(Finding finding, Position at) {
        problems.add(new Located(finding, at));
    }

    void error(String path, Position at, String message) {
        report(Finding.error(path, message), at);
    }

    void error(String path, Position at, String message, String hint) {
        report(Finding.error(path, message, hint), at);
    }

    List<Located> problems() {
        return List.copyOf(problems);
    }

    /**
     * "~/x" from the home directory, "x" from the topology file's directory; empty, with an error
     * at {@code path}, for text no local path can be (a NUL, which Path refuses with an exception).
     */
    Optional<Path> resolvePath(String text, String path, Position at) {
        try {
            if (text.equals("~")) {
                return Optional.of(home);
            }
            if (text.startsWith("~/")) {
                return Optional.of(home.resolve(text.substring(2)).normalize());
            }
            return Optional.of(baseDir.resolve(text).normalize());
        } catch (InvalidPathException e) {
            error(path, at, "not a file path: " + e.getReason(), "give the path of a file on this machine");
            return Optional.empty();
        }
    }
}
