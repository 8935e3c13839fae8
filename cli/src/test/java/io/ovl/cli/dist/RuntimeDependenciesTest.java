package io.ovl.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guard on what ovl ships: the runtime class path (what the distribution's {@code lib/}
 * holds, written by the build to {@code cli/target/runtime-dependencies.txt}) must be exactly the
 * reviewed {@code dependencies.lock} at the top of the repository, and no jar on it may be at a
 * version that {@code dependencies.advisories} lists. Nothing here reaches a network.
 */
class RuntimeDependenciesTest {

    /** groupId:artifactId to version, sorted. */
    record Lock(Map<String, String> versions) {}

    /** One line of dependencies.advisories. */
    record Advisory(String key, boolean inclusive, String version, String note) {
        boolean affects(String candidate) {
            int c = compareVersions(candidate, version);
            return inclusive ? c <= 0 : c < 0;
        }

        String rule() {
            return key + (inclusive ? " <= " : " < ") + version;
        }
    }

    private static Path file(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback));
    }

    private static final Path LIST = file("ovl.runtime.dependencies", "target/runtime-dependencies.txt");
    private static final Path LOCK = file("ovl.dependencies.lock", "../dependencies.lock");
    private static final Path ADVISORIES = file("ovl.dependencies.advisories", "../dependencies.advisories");

    private static final String HOW_TO_UPDATE = """
            What to do (the header of dependencies.lock says the same):
              1. versions and exclusions live in the parent pom.xml only (dependencyManagement);
              2. ./mvnw -B -q -pl cli -am generate-test-resources writes cli/target/runtime-dependencies.txt,
                 what lib/ will ship; ./mvnw -q dependency:tree shows who brings what;
              3. look every new or changed line up in a published advisory database (GitHub
                 Advisory Database, OSV, NVD); raise or exclude what is affected and add the advisory
                 to dependencies.advisories;
              4. write the lines into dependencies.lock, set its review date, and commit the pom,
                 dependencies.lock and dependencies.advisories together.""";

    // ---- the guard ----

    @Test
    void theRuntimeClassPathIsExactlyTheReviewedLock() throws IOException {
        Map<String, String> shipped = shipped();
        Lock lock = readLock(Files.readAllLines(LOCK, StandardCharsets.UTF_8));
        List<String> drift = drift(shipped, lock.versions());
        if (!drift.isEmpty()) {
            fail("The runtime dependencies (" + LIST + ", what the distribution's lib/ ships) no longer match "
                    + LOCK.normalize() + ":\n  " + String.join("\n  ", drift) + "\n" + HOW_TO_UPDATE);
        }
    }

    @Test
    void noRuntimeDependencyIsAtAVersionWithAKnownAdvisory() throws IOException {
        List<Advisory> advisories = readAdvisories(Files.readAllLines(ADVISORIES, StandardCharsets.UTF_8));
        List<String> hits = new ArrayList<>(hits(shipped(), advisories));
        for (String hit : hits(readLock(Files.readAllLines(LOCK, StandardCharsets.UTF_8)).versions(), advisories)) {
            if (!hits.contains(hit)) {
                hits.add(hit + " (in dependencies.lock)");
            }
        }
        if (!hits.isEmpty()) {
            fail("Runtime dependencies at a version with a published advisory (" + ADVISORIES.normalize() + "):\n  "
                    + String.join("\n  ", hits) + "\n"
                    + "Raise each past the fixed version in the parent pom.xml's dependencyManagement (or exclude it"
                    + " if ovl never loads it), run the tests, then update dependencies.lock.\n" + HOW_TO_UPDATE);
        }
    }

    @Test
    void theLockIsSortedAndNamesEachArtifactOnce() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String line : Files.readAllLines(LOCK, StandardCharsets.UTF_8)) {
            String t = strip(line);
            if (!t.isEmpty()) {
                entries.add(t);
            }
        }
        List<String> sorted = entries.stream().sorted().distinct().toList();
        assertEquals(sorted, entries, LOCK.normalize() + ": keep one line per artifact, sorted (sort -u)");
    }

    private static Map<String, String> shipped() throws IOException {
        assertTrue(Files.isRegularFile(LIST), LIST + " is missing: the build writes it in generate-test-resources"
                + " (maven-dependency-plugin, execution runtime-dependencies in cli/pom.xml); run the tests through Maven");
        Map<String, String> shipped = readDependencyList(Files.readAllLines(LIST, StandardCharsets.UTF_8));
        assertTrue(shipped.containsKey("info.picocli:picocli"), "no picocli in " + LIST + ": not a dependency:list output?");
        return shipped;
    }

    // ---- the parts, each tested below on made-up input ----

    private static final Pattern LIST_LINE =
            Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+):(compile|runtime)\\b.*$");

    /**
     * The lines of {@code mvn dependency:list} ({@code g:a:type[:classifier]:version:scope}, maybe
     * followed by {@code -- module ...}) as groupId:artifactId to version, less ovl's own modules.
     */
    static Map<String, String> readDependencyList(List<String> lines) {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines) {
            Matcher m = LIST_LINE.matcher(line);
            if (!m.matches() || m.group(1).equals("io.ovl")) {
                continue;
            }
            String key = m.group(1) + ":" + m.group(2) + (m.group(4) == null ? "" : ":" + m.group(4));
            out.put(key, m.group(5));
        }
        return out;
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).trim();
    }

    static Lock readLock(List<String> lines) {
        Map<String, String> versions = new TreeMap<>();
        for (String line : lines) {
            String t = strip(line);
            if (t.isEmpty()) {
                continue;
            }
            int last = t.lastIndexOf(':');
            if (last < 0 || t.indexOf(':') == last || t.contains(" ")) {
                throw new IllegalArgumentException("dependencies.lock: not groupId:artifactId:version: " + line);
            }
            versions.put(t.substring(0, last), t.substring(last + 1));
        }
        return new Lock(versions);
    }

    private static final Pattern ADVISORY_LINE = Pattern.compile("^(\\S+:\\S+)\\s+(<=?)\\s+(\\S+)$");

    static List<Advisory> readAdvisories(List<String> lines) {
        List<Advisory> out = new ArrayList<>();
        for (String line : lines) {
            String t = strip(line);
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = ADVISORY_LINE.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "dependencies.advisories: not 'groupId:artifactId < version  # advisory': " + line);
            }
            int hash = line.indexOf('#');
            String note = hash < 0 ? "" : line.substring(hash + 1).trim();
            out.add(new Advisory(m.group(1), m.group(2).equals("<="), m.group(3), note));
        }
        return out;
    }

    /** What differs between what is shipped and what the lock says, one sentence each. */
    static List<String> drift(Map<String, String> shipped, Map<String, String> locked) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(shipped).entrySet()) {
            String was = locked.get(e.getKey());
            String line = e.getKey() + ":" + e.getValue();
            if (was == null) {
                out.add("NEW " + line + " is shipped but not in the lock: check it (and that ovl needs it,"
                        + " else exclude it in pom.xml), then add the line " + line);
            } else if (!was.equals(e.getValue())) {
                out.add("CHANGED " + e.getKey() + " is shipped at " + e.getValue() + ", the lock says " + was
                        + ": check " + e.getValue() + ", then change the line to " + line);
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(locked).entrySet()) {
            if (!shipped.containsKey(e.getKey())) {
                out.add("GONE " + e.getKey() + ":" + e.getValue() + " is in the lock but no longer shipped:"
                        + " if that is meant, delete its line");
            }
        }
        return out;
    }

    static List<String> hits(Map<String, String> dependencies, List<Advisory> advisories) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(dependencies).entrySet()) {
            for (Advisory a : advisories) {
                if (a.key().equals(e.getKey()) && a.affects(e.getValue())) {
                    out.add(e.getKey() + ":" + e.getValue() + " matches '" + a.rule() + "': " + a.note());
                }
            }
        }
        return out;
    }

    /**
     * Compares by the leading numeric parts (33.8.0-jre as 33.8.0, 2.23 as 2.23.0); what follows the
     * first non-numeric part only counts as older than the plain release (1.0-beta1 &lt; 1.0), which
     * is all the advisories list needs.
     */
    static int compareVersions(String a, String b) {
        List<Integer> x = numbers(a);
        List<Integer> y = numbers(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = Integer.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(!preRelease(a), !preRelease(b));
    }

    private static final Pattern PRE_RELEASE = Pattern.compile("(?i).*[.-](alpha|beta|rc|cr|m|milestone|snapshot)[.-]?\\d*$");

    private static boolean preRelease(String v) {
        return PRE_RELEASE.matcher(v).matches();
    }

    private static List<Integer> numbers(String v) {
        List<Integer> out = new ArrayList<>();
        for (String part : v.split("[.-]")) {
            if (!part.matches("\\d+")) {
                break;
            }
            out.add(Integer.parseInt(part));
        }
        return out;
    }

    // ---- the parts on made-up input: how the guard fails ----

    @Test
    void readsDependencyListOutputLessOvlsOwnModules() {
        Map<String, String> read = readDependencyList(List.of(
                "",
                "The following files have been resolved:",
                "   com.google.guava:guava:jar:33.8.0-jre:compile -- module com.google.common",
                "   com.hierynomus:asn-one:jar:0.6.0:runtime -- module com.hierynomus.asnone [auto]",
                "   io.ovl:ovl-provisioners:jar:0.1.0-SNAPSHOT:compile -- module ovl.provisioners (auto)",
                "   org.lwjgl:lwjgl:jar:natives-linux:3.3.3:runtime"));
        assertEquals(Map.of("com.google.guava:guava", "33.8.0-jre", "com.hierynomus:asn-one", "0.6.0",
                "org.lwjgl:lwjgl:natives-linux", "3.3.3"), read);
    }

    @Test
    void aNewAChangedAndAGoneDependencyEachSayWhatToDo() {
        List<String> drift = drift(
                Map.of("a:kept", "1", "a:bumped", "2.0", "a:new", "1.0"),
                Map.of("a:kept", "1", "a:bumped", "1.0", "a:gone", "3"));
        assertEquals(3, drift.size(), drift.toString());
        assertTrue(drift.contains("NEW a:new:1.0 is shipped but not in the lock: check it (and that ovl needs it,"
                + " else exclude it in pom.xml), then add the line a:new:1.0"), drift.toString());
        assertTrue(drift.contains("CHANGED a:bumped is shipped at 2.0, the lock says 1.0: check 2.0,"
                + " then change the line to a:bumped:2.0"), drift.toString());
        assertTrue(drift.contains("GONE a:gone:3 is in the lock but no longer shipped: if that is meant, delete its line"),
                drift.toString());
    }

    @Test
    void anAdvisoryMatchesOnlyTheVersionsItNames() {
        List<Advisory> advisories = readAdvisories(List.of(
                "# comment",
                "com.google.guava:guava < 32.0.0   # CVE-2023-2976; fixed in 32.0.0",
                "net.i2p.crypto:eddsa <= 0.3.0     # CVE-2020-36843"));
        List<String> hits = hits(Map.of("com.google.guava:guava", "19.0", "net.i2p.crypto:eddsa", "0.3.0",
                "org.other:guava", "1.0"), advisories);
        assertEquals(List.of(
                "com.google.guava:guava:19.0 matches 'com.google.guava:guava < 32.0.0': CVE-2023-2976; fixed in 32.0.0",
                "net.i2p.crypto:eddsa:0.3.0 matches 'net.i2p.crypto:eddsa <= 0.3.0': CVE-2020-36843"), hits);
        assertTrue(hits(Map.of("com.google.guava:guava", "32.0.0-jre"), advisories).isEmpty());
        assertTrue(hits(Map.of("com.google.guava:guava", "33.8.0-jre"), advisories).isEmpty());
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(compareVersions("33.8.0-jre", "32.0.0") > 0);
        assertTrue(compareVersions("19.0", "32.0.0") < 0);
        assertEquals(0, compareVersions("2.23", "2.23.0"));
        assertTrue(compareVersions("1.21", "1.26.0") < 0);
        assertTrue(compareVersions("1.9", "1.10") < 0);
        assertTrue(compareVersions("2.13.4.2", "2.14.0") < 0);
        assertTrue(compareVersions("5.4.3", "5.4.3") == 0);
        assertTrue(compareVersions("2.0-rc1", "2.0") < 0);
        assertTrue(compareVersions("2.1.0-alpha1", "2.0.20") > 0);
    }

    @Test
    void malformedLinesAreRefusedNotSkipped() {
        assertThrows(IllegalArgumentException.class, () -> readLock(List.of("com.google.guava:guava")));
        assertThrows(IllegalArgumentException.class, () -> readAdvisories(List.of("com.google.guava:guava 32.0")));
        assertFalse(readLock(List.of("# only a comment", "")).versions().containsKey("#"));
    }
}
