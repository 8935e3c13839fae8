package io.ovl.topology;

import io.ovl.core.Finding;
import io.ovl.core.Location;
import io.ovl.topology.load.Located;
import io.ovl.topology.load.TopologyReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one way to turn a topology file into a {@link Topology}: parse, bind, validate, and report
 * every problem with file, line and column. Use {@link LoadResult#orThrow()} where a valid
 * topology is required.
 */
public final class TopologyLoader {
    private final Path home;

    public TopologyLoader() {
        this(Path.of(System.getProperty("user.home")));
    }

    /** @param home where {@code ~} in paths of the file points */
    public TopologyLoader(Path home) {
        this.home = home;
    }

    public LoadResult load(Path file) {
        String text = TopologyText.read(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir == null ? Path.of("").toAbsolutePath() : dir);
    }

    /**
     * @param fileLabel how problems name the file
     * @param baseDir where relative paths in the file start
     */
    public LoadResult parse(String fileLabel, String text, Path baseDir) {
        TopologyReader.Result read = TopologyReader.read(text, baseDir, home);
        List<Located> problems = new ArrayList<>(read.problems());
        if (read.draft().isPresent()) {
            // A value the reader already refused (wrong type, bad address) was replaced by a
            // default; a rule complaining about that default would only repeat the same problem.
            Set<String> refused = read.problems().stream().filter(l -> l.finding().isError())
                    .map(l -> l.finding().subject()).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
            for (Finding f : TopologyValidator.validate(read.draft().get())) {
                if (!isUnder(f.subject(), refused)) {
                    problems.add(new Located(f, read.sourceMap().positionOf(f.subject())));
                }
            }
        }
        problems.sort(Comparator.comparingInt((Located l) -> l.position().line()).thenComparingInt(l -> l.position().column()));
        boolean valid = problems.stream().noneMatch(l -> l.finding().isError());
        return new LoadResult(fileLabel, valid ? read.draft() : Optional.empty(),
                problems.stream().map(l -> problem(fileLabel, l)).toList());
    }

    /** The path or one of its ancestors: "hosts[0].name" is under a refused "hosts[0]". */
    static boolean isUnder(String path, Set<String> refused) {
        return refused.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + ".") || path.startsWith(r + "["));
    }

    static Finding problem(String file, Located l) {
        return l.finding().at(new Location.InFile(file, l.position().line(), l.position().column()));
    }

}
