package io.ovl.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip JReleaser assembled in {@code package}, unpacked into an empty directory and run the way
 * a user would: {@code bin/ovl} with nothing but a Java runtime (JAVA_HOME) and a bare PATH, from a
 * working directory outside the build.
 */
class DistributionIT {
    @TempDir
    static Path unpacked;

    static Path home;
    static Map<String, Integer> modes;

    @BeforeAll
    static void unpack() throws IOException {
        Path zip = Path.of(System.getProperty("ovl.dist.zip", "target/missing.zip"));
        assertTrue(Files.isRegularFile(zip), "the build should have assembled " + zip);
        modes = UnixZip.unpack(zip, unpacked);
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), "one top-level directory in the zip, got " + dirs);
            home = dirs.get(0);
        }
    }

    @Test
    void versionRunsFromTheUnpackedZipWithOnlyAJavaRuntime() throws Exception {
        ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/ovl").toString(), "--version")
                .directory(unpacked.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = launcher.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = launcher.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/ovl --version did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals("ovl " + home.getFileName().toString().replaceFirst("^ovl-", ""), out,
                "--version should print the version the zip is named after");
    }

    @Test
    void firstRunLeavesAClassDataSharingArchiveThatLaterRunsUse() throws Exception {
        String first = runLauncher("--version");
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<Path> archives = lib.filter(p -> p.getFileName().toString().matches("ovl-jvm-.*\\.jsa")).toList();
            assertEquals(1, archives.size(), "one archive for this JVM after the first run: " + archives);
        }
        // -Xshare:on makes the JVM fail instead of ignoring an archive it cannot map.
        String second = runLauncher("--version", "-Xshare:on");
        assertEquals(first, second);
    }

    /**
     * An installation copied elsewhere carries the archive of its old path, which the JVM would
     * silently ignore there: the launcher must make one for the new path, or every run would start
     * without class-data sharing.
     */
    @Test
    void aCopiedInstallationMakesAnArchiveOfItsOwn() throws Exception {
        runLauncher("--version");
        Path copy = unpacked.resolve("copied").resolve(home.getFileName());
        copyTree(home, copy);
        String first = runLauncher(copy, "--version");
        try (Stream<Path> lib = Files.list(copy.resolve("lib"))) {
            List<Path> archives = lib.filter(p -> p.getFileName().toString().matches("ovl-jvm-.*\\.jsa")).toList();
            assertEquals(1, archives.size(), "only the copy's own archive is left: " + archives);
        }
        assertEquals(first, runLauncher(copy, "--version", "-Xshare:on"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private String runLauncher(String arg, String... jvmOptions) throws Exception {
        return runLauncher(home, arg, jvmOptions);
    }

    private String runLauncher(Path home, String arg, String... jvmOptions) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/ovl").toString(), arg)
                .directory(unpacked.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = launcher.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("OVL_JAVA_OPTS", String.join(" ", jvmOptions));
        Process p = launcher.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/ovl " + arg + " did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * The zip's lib/ holds ovl's own jars, the launcher's CDS input and exactly the reviewed
     * dependencies.lock (RuntimeDependenciesTest checks the same list against the build's class path).
     */
    @Test
    void libHoldsExactlyTheLockedJars() throws IOException {
        Path lock = Path.of(System.getProperty("ovl.dependencies.lock", "../dependencies.lock"));
        Set<String> expected = new TreeSet<>();
        RuntimeDependenciesTest.readLock(Files.readAllLines(lock)).versions().forEach((key, version) -> {
            String[] parts = key.split(":");
            expected.add(parts[1] + "-" + version + (parts.length > 2 ? "-" + parts[2] : "") + ".jar");
        });
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            lib.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") && !n.startsWith("ovl-"))
                    .forEach(shipped::add);
        }
        assertEquals(expected, shipped, "the zip's lib/ against " + lock.normalize()
                + ": see RuntimeDependenciesTest and README, Dependencies");
    }

    @Test
    void launcherIsExecutableInTheZipAndWindowsLauncherIsThere() {
        String prefix = home.getFileName() + "/";
        assertEquals(0755, modes.getOrDefault(prefix + "bin/ovl", 0), "bin/ovl mode in the zip");
        assertTrue(Files.isExecutable(home.resolve("bin/ovl")));
        assertTrue(Files.isRegularFile(home.resolve("bin/ovl.bat")));
    }

    @Test
    void manPagesAreTroffForEveryCommand() throws IOException {
        for (String page : List.of("ovl.1", "ovl-validate.1", "ovl-doctor.1", "ovl-completion.1")) {
            Path file = home.resolve("man/man1").resolve(page);
            assertTrue(Files.isRegularFile(file), "missing " + file);
            String text = Files.readString(file);
            assertTrue(text.contains(".TH "), page + " should be a troff man page (.TH header)");
        }
        assertTrue(Files.readString(home.resolve("man/man1/ovl-validate.1")).contains("FILE"),
                "ovl-validate.1 should document -f FILE");
    }

    @Test
    void completionScriptsCompleteTheSubcommands() throws IOException {
        for (String script : List.of("ovl.bash", "ovl.zsh")) {
            String text = Files.readString(home.resolve("completions").resolve(script));
            assertTrue(text.contains("complete -F"), script + " should register a completion function");
            assertTrue(text.contains("validate") && text.contains("doctor"), script + " should list subcommands");
        }
        Optional<String> first = Files.readAllLines(home.resolve("completions/ovl.zsh")).stream().findFirst();
        assertTrue(first.orElse("").contains("zsh"), "zsh script says how zsh uses it");
    }
}
