package io.ovl.runlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Old logs go at the start of a run, in the default directory only (a directory named with
 * {@code --log-file} is the user's): at most {@link #KEEP} logs, none older than {@link #MAX_AGE}.
 * Only files named as {@link RunLogFile#fileName} makes them are ever touched; their age is the
 * run's start in the name.
 */
public final class RunLogPruning {
    public static final int KEEP = 50;
    public static final Duration MAX_AGE = Duration.ofDays(30);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunLogPruning() {
    }

    /**
     * Which of {@code names} to delete: files that are not run logs are never listed; of the logs,
     * those older than {@code maxAge} and all but the newest {@code keep}.
     */
    public static List<String> toDelete(List<String> names, Instant now, int keep, Duration maxAge) {
        record Log(String name, Instant started) {
        }
        List<Log> logs = new ArrayList<>();
        for (String name : names) {
            startOf(name).ifPresent(t -> logs.add(new Log(name, t)));
        }
        logs.sort(Comparator.comparing(Log::started).thenComparing(Log::name).reversed());
        List<String> delete = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            Log l = logs.get(i);
            if (i >= keep || l.started().isBefore(now.minus(maxAge))) {
                delete.add(l.name());
            }
        }
        return delete;
    }

    /** When the run that wrote {@code name} started; empty for a file ovl did not name. */
    static Optional<Instant> startOf(String name) {
        Matcher m = RunLogFile.NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(NAME_TIME.parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes what {@link #toDelete} lists in {@code dir} (regular files only); returns how many went.
     * Best effort: a file that cannot be deleted stays, and a missing directory has nothing to prune.
     */
    public static int prune(Path dir, Instant now, int keep, Duration maxAge) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    names.add(f.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return 0;
        }
        int deleted = 0;
        for (String name : toDelete(names, now, keep, maxAge)) {
            try {
                Files.deleteIfExists(dir.resolve(name));
                deleted++;
            } catch (IOException e) {
                // Left for the next run.
            }
        }
        return deleted;
    }
}
