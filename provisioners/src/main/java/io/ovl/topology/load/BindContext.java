package io.ovl.topology.load;

import io.ovl.core.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** "~/x" from the home directory, "x" from the topology file's directory. */
    Path resolvePath(String text) {
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).normalize();
        }
        return baseDir.resolve(text).normalize();
    }
}
