package io.ovl.runlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At most KEEP logs, none older than MAX_AGE, and nothing that is not a run log. */
class RunLogPruningTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void theNewestAreKeptUpToTheCount() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(RunLogFile.fileName(NOW.minusSeconds(60L * i), "init", 100 + i));
        }
        assertEquals(names.subList(3, 5), RunLogPruning.toDelete(names, NOW, 3, Duration.ofDays(30)));
        assertEquals(List.of(), RunLogPruning.toDelete(names, NOW, 50, Duration.ofDays(30)));
    }

    @Test
    void logsOlderThanTheAgeGoEvenUnderTheCount() {
        String old = RunLogFile.fileName(NOW.minus(Duration.ofDays(31)), "reset", 1);
        String recent = RunLogFile.fileName(NOW.minus(Duration.ofDays(29)), "reset", 2);
        assertEquals(List.of(old), RunLogPruning.toDelete(List.of(recent, old), NOW, 50, Duration.ofDays(30)));
    }

    @Test
    void filesOvlDidNotNameAreNeverListed() {
        List<String> names = List.of("notes.txt", "2026-12-06T04-31-02Z.log", "init.log", "2020-01-01T00-00-00Z-init-1.log.gz",
                "2020-13-01T00-00-00Z-init-1.log");
        assertEquals(List.of(), RunLogPruning.toDelete(names, NOW, 0, Duration.ZERO));
    }

    @Test
    void pruningADirectoryDeletesOnlyOldRunLogs() throws Exception {
        Path dir = Files.createTempDirectory("ovl-prune");
        try {
            for (int i = 0; i < 60; i++) {
                Files.writeString(dir.resolve(RunLogFile.fileName(NOW.minus(Duration.ofHours(i)), "init", i)), "x");
            }
            Files.writeString(dir.resolve(RunLogFile.fileName(NOW.minus(Duration.ofDays(40)), "init", 999)), "old");
            Files.writeString(dir.resolve("README"), "mine");
            Files.createDirectory(dir.resolve(RunLogFile.fileName(NOW.minus(Duration.ofDays(90)), "init", 5)));
            assertEquals(11, RunLogPruning.prune(dir, NOW, RunLogPruning.KEEP, RunLogPruning.MAX_AGE));
            Set<String> left;
            try (Stream<Path> files = Files.list(dir)) {
                left = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            }
            assertEquals(52, left.size(), left.toString()); // 50 logs, README, the directory
            assertTrue(left.contains("README"));
            assertTrue(left.contains(RunLogFile.fileName(NOW, "init", 0)));
            assertFalse(left.contains(RunLogFile.fileName(NOW.minus(Duration.ofHours(50)), "init", 50)));
            assertEquals(0, RunLogPruning.prune(dir.resolve("missing"), NOW, 1, Duration.ZERO));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
