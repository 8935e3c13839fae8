package io.ovl.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime distribution (ovl-VERSION-linux-x86_64.zip: its own Java runtime and AOT cache),
 * unpacked into an empty directory and run on what a machine without Java has: a PATH of nothing
 * but coreutils, no JAVA_HOME, no other variable. Built only when the build found a JDK 25
 * (cli/src/runtime/build-runtime); without one these tests are skipped and the build says why.
 */
class RuntimeDistributionIT {
    /** GNU coreutils programs, linked into the only directory on PATH (those this machine has). */
    private static final List<String> COREUTILS = List.of("[", "basename", "cat", "chmod", "cksum", "cp", "cut",
            "date", "dirname", "echo", "env", "head", "id", "ln", "ls", "mkdir", "mktemp", "mv", "printf", "pwd",
            "readlink", "realpath", "rm", "sleep", "sort", "stat", "tail", "tee", "test", "touch", "tr", "true",
            "uname", "wc");

    @TempDir
    static Path work;

    static Path home;
    static Path coreutilsOnly;
    static Path example;

    @BeforeAll
    static void unpack() throws IOException {
        Path zip = Path.of(System.getProperty("ovl.runtime.zip", "target/missing.zip"));
        assumeTrue(Files.isRegularFile(zip), "no runtime distribution " + zip
                + ": the build found no JDK 25 (see [ovl runtime] in its output)");
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        UnixZip.unpack(zip, unpacked);
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> dirs = top.toList();
            assertEquals(1, dirs.size(), "one top-level directory in the zip, got " + dirs);
            home = dirs.get(0);
        }
        coreutilsOnly = Files.createDirectories(work.resolve("coreutils-only"));
        for (String program : COREUTILS) {
            for (String dir : List.of("/usr/bin/", "/bin/")) {
                Path real = Path.of(dir + program);
                if (Files.isExecutable(real) && !Files.exists(coreutilsOnly.resolve(program))) {
                    Files.createSymbolicLink(coreutilsOnly.resolve(program), real);
                }
            }
        }
        example = work.resolve("topology.yaml");
        Files.copy(Path.of(System.getProperty("ovl.example", "../examples/guide-consul.yaml")), example);
    }

    @Test
    void noJavaIsReachableFromTheTestsPath() throws Exception {
        Result which = run(List.of("/bin/sh", "-c", "command -v java || echo none"), Map.of());
        assertEquals("none", which.out(), "the test's PATH must hold no java");
        assertFalse(Files.exists(coreutilsOnly.resolve("java")));
    }

    @Test
    void versionAndValidateRunWithNoJavaOnPath() throws Exception {
        Result version = ovl(List.of("--version"), Map.of());
        assertEquals(0, version.exit(), version.out());
        assertEquals("ovl " + home.getFileName().toString().replaceFirst("^ovl-", "").replaceFirst("-linux-x86_64$", ""),
                version.out(), "--version should print the version the zip is named after");

        Result valid = ovl(List.of("validate", "-f", example.toString()), Map.of());
        assertEquals(0, valid.exit(), valid.out());
        assertTrue(valid.out().endsWith(": valid"), valid.out());

        Result help = ovl(List.of("doctor", "--help"), Map.of());
        assertEquals(0, help.exit(), help.out());
        assertTrue(help.out().contains("Usage: ovl doctor"), help.out());
    }

    /** AOTMode=on makes the JVM fail instead of running on without a cache it cannot map. */
    @Test
    void theAotCacheMapsAfterUnpackingElsewhereAndHoldsPicocli() throws Exception {
        Result run = ovl(List.of("validate", "-f", example.toString()),
                Map.of("OVL_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info:stdout"));
        assertEquals(0, run.exit(), run.out());
        for (String cls : List.of("picocli.CommandLine", "io.ovl.cli.ValidateCommand",
                "com.fasterxml.jackson.databind.ObjectMapper", "org.yaml.snakeyaml.parser.ParserImpl")) {
            assertTrue(run.out().contains(" " + cls + " source: shared objects file"),
                    cls + " should come from the AOT cache:\n" + grep(run.out(), cls));
        }
    }

    @Test
    void withoutTheCacheItStillRuns() throws Exception {
        Result run = ovl(List.of("--version"), Map.of("OVL_AOT", "off", "OVL_JAVA_OPTS", "-Xlog:class+load=info:stdout"));
        assertEquals(0, run.exit(), run.out());
        assertFalse(run.out().contains("io.ovl.cli.Main source: shared objects file"), "OVL_AOT=off");
    }

    /** lib/classpath, the launcher's class path, names exactly the jars in lib/. */
    @Test
    void classpathListsEveryJarOnce() throws IOException {
        List<String> listed = Files.readAllLines(home.resolve("lib/classpath"));
        Set<String> jars = new TreeSet<>();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            lib.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(jars::add);
        }
        assertEquals(jars, new TreeSet<>(listed));
        assertEquals(listed.size(), jars.size(), "no jar twice: " + listed);
        assertTrue(listed.get(0).startsWith("ovl-cli-"), "ovl's own jar first: " + listed);
        assertTrue(Files.isRegularFile(home.resolve("lib/ovl.aot")));
        assertTrue(Files.isExecutable(home.resolve("runtime/bin/java")));
    }

    private static String grep(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).limit(5).reduce("", (a, b) -> a + b + "\n");
    }

    private static Result ovl(List<String> args, Map<String, String> extraEnv) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ovl").toString());
        command.addAll(args);
        return run(command, extraEnv);
    }

    /** Runs with exactly PATH=coreutils-only and the given variables: as `env -i PATH=...` would. */
    private static Result run(List<String> command, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", coreutilsOnly.toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertNotEquals(127, p.exitValue(), "not found: " + out);
        return new Result(p.exitValue(), out);
    }

    private record Result(int exit, String out) {
    }
}
