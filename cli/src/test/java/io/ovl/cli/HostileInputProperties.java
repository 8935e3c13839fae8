package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile topology files and flag values through the real command line: whatever the input, ovl
 * ends with a documented exit code (never 1, "internal error"), within a bound, and never writes
 * a raw control character (see {@link EscapingWriter}) to stdout or stderr. Host-touching
 * commands reach only closed loopback ports with a 1 s connect timeout, so they fail fast.
 *
 * <p>Values come from {@link Gen}, seeded, so each run tries the same ones. Tries are bounded (see each {@code forAll}) so that the suite stays well under a minute; the
 * worst inputs found are kept in {@code src/test/resources/corpus} and run by {@link CorpusTest}.
 */
class HostileInputProperties {
    static final Duration BOUND = Duration.ofSeconds(20);
    private static Path dir;

    @BeforeAll
    static void makeDir() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("ovl-props");
            Files.writeString(dir.resolve("known_hosts"), "");
        }
    }

    @AfterAll
    static void removeDir() throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        dir = null;
    }

    // ---- generators ------------------------------------------------------------------------

    static final List<String> NASTY = List.of(
            "\u001b[2J", "\u001b]0;pwned\u0007", "\u009b31m", "\u001bP+q\u001b\\", "\r", "\u0000", "\u007f",
            "\u202e", "\u2066", "\ud800", "\udfff", "\uD83D\uDE00", "\uFEFF", "\uE000", "\u0085", "\u2028",
            "'", "\"", "\\", "$(id)", "`id`", ";", "|", "&&", "*", "&a", "!!binary", "<<:", "{", "[", "#", "- ",
            ": ", "%", "@", "?", "~", "null", "true", "0x10", "1e400", "-0", ".nan", "99999999999999999999999",
            "-2147483649", "9223372036854775808", "1s", "596h", "597h", "0ms", "172.16.0.0/0", "::/0",
            "255.255.255.255/33", "a".repeat(300));

    static final java.math.BigInteger HUGE = java.math.BigInteger.TEN.pow(30);

    /** One to four pieces: nasty ones, any chars, Latin-1 chars, a plain word, a huge number. */
    static String hostile(Gen g) {
        return String.join("", g.list(1, 4, HostileInputProperties::piece));
    }

    static String piece(Gen g) {
        return switch (g.between(0, 4)) {
            case 0 -> g.of(NASTY);
            case 1 -> g.anyString(12);
            case 2 -> g.charRange('\u0000', '\u00ff', 12);
            case 3 -> g.word("-_.", 1, 12);
            default -> g.bigInteger(HUGE).toString();
        };
    }

    static final List<String> ODD_YAML = List.of("[]", "{}", "~", "[1, 2]", "{name: x}", "!!str 1", "&x [*x]", "*nope", "1.5", "-1", "65536", "18446744073709551616",
            "!!binary AAEC", "!!python/object:os.system x", "!!timestamp 2001-12-14", "!!float .inf", "{<<: {a: 1}}", "{a: 1, a: 2}",
            "0o777", "0b101", "+12", "1_000", "1:20", "2001-12-14", "etcd://127.0.0.1:99999", "zk://[::1]:2181/x", "consul://", "\"\\x00\"");

    /** A YAML scalar or structure holding a hostile string: quoted, plain, a number, nested deep, or of the wrong type. */
    static String yamlValue(Gen g) {
        switch (g.between(0, 5)) {
            case 0:
                return doubleQuoted(hostile(g));
            case 1:
                return "'" + hostile(g).replace("'", "''") + "'";
            case 2:
                return hostile(g);
            case 3: {
                int n = g.between(1, 200);
                return "[".repeat(n) + "]".repeat(n);
            }
            case 4: {
                int n = g.between(1, 80);
                return "{a: ".repeat(n) + "1" + "}".repeat(n);
            }
            default:
                return g.of(ODD_YAML);
        }
    }

    static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c <= 0x9f)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static final String[] SLOTS = {"VERSION", "MODE", "USER", "PORT", "TIMEOUT", "HOSTNAME", "KEY", "VALUE", "NETNAME", "SUBNET", "LABEL"};
    static final String TEMPLATE = """
            version: VERSION
            mode: MODE
            ssh: {user: USER, port: PORT, known-hosts: known_hosts, connect-timeout: TIMEOUT}
            hosts:
              - name: HOSTNAME
                address: 127.0.0.2
                KEY: VALUE
              - {name: b, address: 127.0.0.3}
            networks:
              - name: NETNAME
                subnet: SUBNET
                labels: {LABEL: VALUE}
            """;

    static final String KV_TEMPLATE = """
            version: 1
            mode: kv
            ssh: {user: USER, port: PORT, known-hosts: known_hosts, connect-timeout: TIMEOUT, proxy-jump: HOSTNAME, identity-files: [VALUE]}
            kv-store:
              backend: MODE
              url: VERSION
              tls: {ca: KEY, cert: /c.pem, key: VALUE}
            swarm: {data-path-port: PORT, default-address-pool: [SUBNET], advertise: LABEL}
            hosts:
              - {name: HOSTNAME, address: 127.0.0.2, advertise: VALUE, role: KEY, overlay: LABEL}
            networks:
              - {name: NETNAME, subnet: SUBNET, ip-range: VALUE, gateway: KEY, mtu: PORT, encrypted: LABEL, aux-addresses: {KEY: VALUE}}
              - {name: NETNAME, subnet: SUBNET}
            """;

    /** One of the templates with some slots filled by hostile values and the others by valid ones. */
    static String topology(Gen g) {
        String[] valid = {"1", "swarm", "root", "1", "1s", "a", "overlay", "false", "web", "10.0.0.0/24", "team"};
        String t = g.of(TEMPLATE, KV_TEMPLATE);
        boolean[] use = new boolean[SLOTS.length];
        String[] values = new String[SLOTS.length];
        for (int i = 0; i < SLOTS.length; i++) {
            use[i] = g.between(0, 3) == 0;
        }
        for (int i = 0; i < SLOTS.length; i++) {
            values[i] = yamlValue(g);
        }
        for (int i = 0; i < SLOTS.length; i++) {
            t = t.replace(SLOTS[i], use[i] ? values[i] : valid[i]);
        }
        return t;
    }

    // ---- properties --------------------------------------------------------------------------

    @Test
    void validateAnyTopologyText() {
        Gen.forAll("validateAnyTopologyText", 1000, g -> {
            String yaml = topology(g);
            boolean json = g.bool();
            boolean terminal = g.bool();
            Path f = dir.resolve("t.yaml");
            Files.write(f, yaml.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes '?'
            check(json ? List.of("validate", "-f", f.toString(), "--output", "json") : List.of("validate", "-f", f.toString()), terminal);
        });
    }

    /** The topology named by $OVL_TOPOLOGY rather than -f. */
    @Test
    void anyTopologyVariable() {
        Gen.forAll("anyTopologyVariable", 100, g -> topologyVariable(hostile(g)));
    }

    static void topologyVariable(String value) throws Exception {
        makeDir();
        Cli.Run r = assertTimeoutPreemptively(BOUND, () -> Cli.run(new CliEnvironment(Map.of("OVL_TOPOLOGY", value), dir, false), "doctor", "--no-probe"));
        assertSafe(List.of("OVL_TOPOLOGY=" + value, "doctor"), r, false);
    }

    @Test
    void validateAnyBytes() {
        Gen.forAll("validateAnyBytes", 300, g -> {
            Path f = dir.resolve("b.yaml");
            Files.write(f, topologyBytes(g));
            check(List.of("validate", "-f", f.toString()));
        });
    }

    /** Odd encodings of the template: raw bytes, UTF-16 with and without a BOM, a UTF-8 BOM, a cut-off UTF-8 sequence. */
    static byte[] topologyBytes(Gen g) {
        switch (g.between(0, 4)) {
            case 0:
                return g.bytes(0, 300);
            case 1:
                return topology(g).getBytes(StandardCharsets.UTF_16);
            case 2:
                return topology(g).getBytes(StandardCharsets.UTF_16LE);
            case 3:
                return ("\uFEFF" + topology(g)).getBytes(StandardCharsets.UTF_8);
            default: {
                byte[] text = topology(g).getBytes(StandardCharsets.UTF_8);
                byte[] junk = g.bytes(1, 4);
                int at = text.length / 2;
                byte[] out = new byte[text.length + junk.length];
                System.arraycopy(text, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(text, at, out, at + junk.length, text.length - at);
                return out;
            }
        }
    }

    @Test
    void anyFlagValue() {
        Gen.forAll("anyFlagValue", 400, g -> check(commandLine(g)));
    }

    /** Commands with a hostile argument or flag value; the topology is valid and its hosts unreachable. */
    static List<String> commandLine(Gen g) {
        String h = hostile(g);
        return g.of(
                List.of("validate", "-f", h),
                List.of("validate", h),
                List.of(h),
                List.of("--output", h, "validate"),
                List.of("validate", "-f", "%TOPO%", "--output", h),
                List.of("net", "create", h, "-f", "%TOPO%", "--dry-run"),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--subnet", h),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--gateway", h, "--subnet", "10.1.0.0/24"),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--aux-address", h),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--label", h),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--mtu", h),
                List.of("net", "create", "web2", "-f", "%TOPO%", "--dry-run", "--ip-range", h, "--subnet", "10.1.0.0/24"),
                List.of("net", "rm", h, "-f", "%TOPO%", "--wait", "1"),
                List.of("net", "rm", "web", "-f", "%TOPO%", "--wait", h),
                List.of("net", "inspect", h, "-f", "%TOPO%"),
                List.of("net", "verify", h, "-f", "%TOPO%", "--image", h),
                List.of("doctor", "-f", "%TOPO%", "--no-probe", "--ignore", h),
                List.of("init", "-f", "%TOPO%", "--dry-run", "--parallel", h),
                List.of("init", "-f", "%TOPO%", "--dry-run", "--ignore", h, "--output", "json"),
                List.of("reset", "-f", "%TOPO%", "--dry-run", "--parallel", h),
                List.of("completion", h),
                List.of("help", h));
    }

    // ---- the check -----------------------------------------------------------------------------

    static final String UNREACHABLE = """
            version: 1
            mode: swarm
            ssh: {user: root, port: 1, known-hosts: known_hosts, connect-timeout: 1s, command-timeout: 2s}
            hosts:
              - {name: a, address: 127.0.0.2}
              - {name: b, address: 127.0.0.3}
            networks:
              - {name: web, subnet: 10.0.0.0/24}
            """;

    static void check(List<String> args) throws Exception {
        check(args, false);
    }

    /** Runs {@code args}; with {@code terminal}, as on a terminal, where ovl's own colours may appear. */
    static void check(List<String> args, boolean terminal) throws Exception {
        Path topo = dir.resolve("unreachable.yaml");
        if (!Files.exists(topo)) {
            Files.writeString(topo, UNREACHABLE);
        }
        List<String> real = new ArrayList<>();
        for (String a : args) {
            real.add(a.replace("%TOPO%", topo.toString()));
        }
        CliEnvironment env = new CliEnvironment(Map.of(), Path.of(""), terminal);
        Cli.Run r = assertTimeoutPreemptively(BOUND, () -> Cli.run(env, real.toArray(String[]::new)), () -> "hung: " + EscapingWriter.escape(real.toString()));
        assertSafe(real, r, terminal);
    }

    /** The three promises: a documented exit code that is not 1, no "internal error", no raw control character. */
    static void assertSafe(List<String> args, Cli.Run r, boolean terminal) {
        String what = EscapingWriter.escape(args + " -> exit " + r.exit() + "\nstdout: " + r.out() + "\nstderr: " + r.err());
        if (r.exit() == 1 || (r.out() + r.err()).contains("ovl: internal error")) {
            throw new AssertionError("internal error: " + what);
        }
        if (!List.of(0, 2, 3, 4).contains(r.exit())) {
            throw new AssertionError("undocumented exit code: " + what);
        }
        String both = r.out() + r.err();
        if (terminal) {
            both = both.replaceAll("\u001b\\[(0|31|32|33)m", ""); // ovl's own colours, nothing else
        }
        for (int i = 0; i < both.length(); i++) {
            if (EscapingWriter.unsafe(both.charAt(i))) {
                throw new AssertionError(String.format("raw U+%04X in output: %s", (int) both.charAt(i), what));
            }
        }
        if (args.contains("json") && r.exit() != 2 && !r.out().isEmpty()) {
            try {
                new ObjectMapper().readTree(r.out());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + what, e);
            }
        }
    }
}
