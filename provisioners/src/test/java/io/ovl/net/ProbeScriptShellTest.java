package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify's real test script, run by this machine's POSIX {@code /bin/sh} with a PATH that holds
 * only stand-ins for {@code ping}, {@code nc} and {@code nslookup} (nothing is sent anywhere) and
 * links to the few real tools the script uses. Busybox's own sh cannot be used for this: it runs
 * its built-in applets ahead of PATH. What is tested is the retry logic: tries, seconds and the
 * bounds, by count and by clock.
 */
class ProbeScriptShellTest {
    private static final List<String> REAL_TOOLS = List.of("date", "sleep", "awk", "grep", "tr", "cat", "rm");

    @TempDir
    Path dir;

    /** A bin directory with the stand-ins; {@code nslookup} runs {@code nslookupBody}; with or without timeout. */
    private Path bin(String nslookupBody, boolean withTimeout) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        List<String> tools = new ArrayList<>(REAL_TOOLS);
        if (withTimeout) {
            tools.add("timeout");
        }
        for (String tool : tools) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.isExecutable(real)) {
                real = Path.of("/bin", tool);
            }
            assumeTrue(Files.isExecutable(real), "needs " + tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        script(bin, "ping", "exit 0");
        script(bin, "nc", "cat >/dev/null; echo 'HTTP/1.0 200 OK'");
        script(bin, "nslookup", nslookupBody);
        return bin;
    }

    private static void script(Path bin, String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Ran(String output, long millis) {
    }

    private Ran run(Path bin, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", ProbeScript.TEST_SCRIPT, "sh"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("TRIES", dir.resolve("tries").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not end");
        return new Ran(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Fails ("bad address") until it has been asked {@code n} times, then answers with 10.0.0.3. */
    private static String answersOnTry(int n) {
        return "echo x >>\"$TRIES\"; if [ $(grep -c x \"$TRIES\") -lt " + n + " ]; then echo \"nslookup: can't resolve '$1': bad address\" >&2;"
                + " exit 1; fi; printf 'Server:\\t\\t127.0.0.11\\nAddress:\\t127.0.0.11:53\\n\\nName:\\t%s\\nAddress: 10.0.0.3\\n' \"$1\"";
    }

    @Test
    void anIpv6AddressAddsIcmp6AndTcp6AndADashSkipsAFamily() throws Exception {
        Path bin = bin(answersOnTry(1), true);
        // This stand-in ping answers over IPv4 and never over IPv6, as Docker's overlay does between hosts.
        script(bin, "ping", "for a in \"$@\"; do [ \"$a\" = -6 ] && exit 1; done; exit 0");
        Ran both = run(bin, "30", "10", "15", "ovl-probe-h3", "10.0.0.3", "fd00::3");
        var got = ProbeScript.parse(both.output()).get("ovl-probe-h3");
        assertEquals(List.of(ProbeCheck.ICMP, ProbeCheck.TCP, ProbeCheck.DNS, ProbeCheck.ICMP6, ProbeCheck.TCP6),
                List.copyOf(got.keySet()), both.output());
        assertEquals("no reply from fd00::3", got.get(ProbeCheck.ICMP6).detail(), both.output());
        assertTrue(got.get(ProbeCheck.TCP6).ok() && got.get(ProbeCheck.ICMP).ok(), both.output());

        Ran v6only = run(bin, "30", "10", "15", "ovl-probe-h3", "-", "fd00::3");
        assertEquals(List.of(ProbeCheck.ICMP6, ProbeCheck.TCP6),
                List.copyOf(ProbeScript.parse(v6only.output()).get("ovl-probe-h3").keySet()), v6only.output());
    }

    @Test
    void aLookupThatSucceedsOnTheThirdTryReportsThreeTriesAndItsSeconds() throws Exception {
        Ran r = run(bin(answersOnTry(3), true), "30", "10", "15", "ovl-probe-h3", "10.0.0.3", "-");

        var parsed = ProbeScript.parse(r.output()).get("ovl-probe-h3");
        PairResult.Outcome dns = parsed.get(ProbeCheck.DNS);
        assertTrue(dns.ok(), r.output());
        assertEquals(3, dns.tries(), r.output());
        assertTrue(dns.seconds() >= 1 && dns.seconds() <= 4, r.output()); // two sleeps of 1 s between the tries
        assertEquals(List.of("dns ok after 3 tries, " + dns.seconds() + " s"),
                PairResult.of("h2", "h3", ProbeCheck.IPV4, parsed).warnings());
    }

    @Test
    void aLookupThatAnswersAtOnceIsOneTry() throws Exception {
        Ran r = run(bin(answersOnTry(1), true), "30", "10", "15", "ovl-probe-h3", "10.0.0.3", "-");
        // One try, and no warning; the seconds it took are the machine's business, not asserted.
        PairResult.Outcome dns = ProbeScript.parse(r.output()).get("ovl-probe-h3").get(ProbeCheck.DNS);
        assertTrue(dns.ok() && dns.tries() == 1 && !dns.passedAfterRetry(), r.output());
    }

    @Test
    void aHangingLookupIsCutByTimeoutAndTheClockEndsTheRetries() throws Exception {
        // Each try hangs; timeout kills it after 1 s; no new try starts once it would not fit in 4 s.
        Ran r = run(bin("sleep 30", true), "4", "1", "15", "ovl-probe-h3", "10.0.0.3", "-");

        PairResult.Outcome dns = ProbeScript.parse(r.output()).get("ovl-probe-h3").get(ProbeCheck.DNS);
        assertTrue(!dns.ok() && dns.detail().equals("resolved to nothing"), r.output());
        // Two or three 1 s tries fit in 4 s: timeout cut each hanging one (uncut, the first would take 30 s).
        assertTrue(dns.tries() >= 2 && dns.tries() <= 3, r.output());
    }

    @Test
    void withoutTimeoutTheCountBoundsTheRetries() throws Exception {
        Ran r = run(bin("echo \"nslookup: can't resolve '$1'\" >&2; exit 1", false), "30", "10", "2",
                "ovl-probe-h3", "10.0.0.3", "-");
        PairResult.Outcome dns = ProbeScript.parse(r.output()).get("ovl-probe-h3").get(ProbeCheck.DNS);
        assertTrue(!dns.ok(), r.output());
        assertEquals(2, dns.tries(), r.output());
    }

    @Test
    void aNameResolvingToAnotherAddressIsAFailureNamingWhatItGot() throws Exception {
        Ran r = run(bin(answersOnTry(1), true), "3", "1", "15", "ovl-probe-h9", "10.0.0.9", "-");
        PairResult.Outcome dns = ProbeScript.parse(r.output()).get("ovl-probe-h9").get(ProbeCheck.DNS);
        assertTrue(!dns.ok(), r.output());
        assertEquals("resolved to 10.0.0.3", dns.detail(), r.output());
    }
}
