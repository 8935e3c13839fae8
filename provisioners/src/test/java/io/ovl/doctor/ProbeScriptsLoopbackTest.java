package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real probe scripts, run with this machine's perl on loopback (no host, no SSH), driven in
 * the probe's order (listener READY, sender START, GO): ovl's own listener hears the sender's
 * message, its window counts from GO, it ends when its stdin closes or at its cap, and a port held by someone else gets a bare connection
 * with no bytes, so a daemon there (dockerd's memberlist on 7946) is not sent text it would log
 * as a bad message. Skips when perl is missing.
 */
class ProbeScriptsLoopbackTest {

    private static Process perl(String script, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", script));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    /**
     * Reads the process's stdout up to and including the line {@code marker}, or fails. Byte by
     * byte, with no buffer: what comes after the marker stays in the stream for {@link #output}.
     */
    private static String until(Process p, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        InputStream in = p.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            seen.append(line).append('\n');
            if (line.toString().equals(marker)) {
                return seen.toString();
            }
            line.setLength(0);
        }
        throw new AssertionError("no " + marker + " line; output: " + seen + line);
    }

    /**
     * GO to a listener. One that heard every expected source has already ended by itself, as it
     * should: then there is no one left to tell.
     */
    private static void go(Process listener) throws IOException {
        try {
            listener.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
            listener.getOutputStream().flush();
        } catch (IOException e) {
            if (listener.isAlive()) {
                throw e;
            }
        }
    }

    /**
     * A run id of its own for every probe: the probe's raw ESP socket hears every protocol-50
     * packet on the machine, so a fixed id would let another test run's sender count as heard.
     */
    private static String runId() {
        return "run" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /**
     * The whole protocol on one machine: listener READY, then the sender (START), then GO to the
     * listener; returns what the listener printed after READY, and asserts what the sender printed.
     */
    private static String probe(String listenerSpec, String expectedSent, String... sendArgs) throws Exception {
        return probeOn("127.0.0.1", listenerSpec, expectedSent, sendArgs);
    }

    /** {@link #probe} with the listener bound to {@code bind}. */
    private static String probeOn(String bind, String listenerSpec, String expectedSent, String... sendArgs) throws Exception {
        String run = runId();
        sendArgs = sendArgs.clone();
        sendArgs[1] = run; // SECONDS RUN-ID SOURCE ...: the sender's run id is the listener's
        Process listener = perl(ProbeScripts.LISTEN, "5", "60", run, bind, listenerSpec);
        String bound = until(listener, "READY");
        Process sender = perl(ProbeScripts.SEND, sendArgs);
        assertEquals("START\n", until(sender, "START"));
        go(listener);
        String sent = output(sender);
        assertEquals(expectedSent, sent);
        return bound + output(listener);
    }

    private static String output(Process p) throws Exception {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "perl did not end");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void ovlsListenerHearsTheSenderOverTcp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        int port = freePort();
        String heard = probe("tcp/" + port + "/1", "SENT tcp " + port + " 127.0.0.1\n",
                "5", "run1", "h2", "tcp", Integer.toString(port), "127.0.0.1");
        assertEquals("LISTEN tcp " + port + "\nREADY\nGOT tcp " + port + " h2\n", heard);
    }

    @Test
    void ovlsListenerHearsTheSenderOverUdp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        int port = freePort();
        String heard = probe("udp/" + port + "/1", "SENT udp " + port + " 127.0.0.1\n",
                "3", "run1", "h2", "udp", Integer.toString(port), "127.0.0.1");
        assertTrue(heard.contains("GOT udp " + port + " h2"), heard);
    }

    /** Until GO only the cap bounds the listener: a window long past by then still hears the sender. */
    @Test
    void theListenWindowCountsFromGoNotFromTheListenersStart() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        int port = freePort();
        Process listener = perl(ProbeScripts.LISTEN, "1", "60", "run5", "127.0.0.1", "udp/" + port + "/1");
        until(listener, "READY");
        // Longer than the 1 s window: a listener timed from its own start would be gone (sudo on a messy host).
        Thread.sleep(2500);
        assertTrue(listener.isAlive(), "the listener must wait for GO");
        Process sender = perl(ProbeScripts.SEND, "1", "run5", "h2", "udp", Integer.toString(port), "127.0.0.1");
        until(sender, "START");
        go(listener);
        output(sender);
        assertTrue(output(listener).contains("GOT udp " + port + " h2"));
    }

    /** ovl gone (its channel closed): the listener ends at once, before GO, leaving nothing running. */
    @Test
    void theListenerEndsWhenItsStdinCloses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        Process listener = perl(ProbeScripts.LISTEN, "5", "60", "run6", "127.0.0.1", "udp/" + freePort() + "/1");
        until(listener, "READY");
        listener.getOutputStream().close();
        assertTrue(listener.waitFor(5, TimeUnit.SECONDS), "the listener must end when its stdin closes");
    }

    /** The hard cap holds even when GO never comes and stdin stays open. */
    @Test
    void theListenerEndsAtItsCapWithoutGo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        Process listener = perl(ProbeScripts.LISTEN, "30", "2", "run7", "127.0.0.1", "udp/" + freePort() + "/1");
        until(listener, "READY");
        assertTrue(listener.waitFor(10, TimeUnit.SECONDS), "the listener must end at its cap");
    }

    @Test
    void aPortHeldBySomeoneElseGetsAConnectionButNoBytes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        try (ServerSocket holder = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket c = holder.accept(); InputStream in = c.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Process sender = perl(ProbeScripts.SEND, "5", "run1", "h2", "tcp",
                    Integer.toString(holder.getLocalPort()), "127.0.0.1");
            String sent = output(sender);
            assertTrue(sent.startsWith("START\n"), sent);
            assertTrue(sent.contains("SENT tcp " + holder.getLocalPort()), sent);
            assertEquals(0, received.get(30, TimeUnit.SECONDS).length, "the holder must receive no bytes");
        }
    }

    /** Raw sockets need root: as root, the listener's raw socket gets the sender's ESP packet (no SA needed). */
    @Test
    void ovlsRawListenerHearsTheSendersEspPacket() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        assumeTrue("root".equals(System.getProperty("user.name")), "raw IP sockets need root");
        String heard = probe("esp/50/1", "SENT esp 50 127.0.0.1\n", "3", "run1", "h3", "esp", "50", "127.0.0.1");
        assertEquals("LISTEN esp 50\nREADY\nGOT esp 50 h3\n", heard);
    }

    /** IPv6 too (an IPv6 underlay): TCP, UDP and the raw ESP socket, over ::1. */
    @Test
    void bothHalvesProbeTcpUdpAndEspOverIpv6() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        int tcp = freePort();
        assertEquals("LISTEN tcp " + tcp + "\nREADY\nGOT tcp " + tcp + " h2\n", probeOn("::1", "tcp/" + tcp + "/1",
                "SENT tcp " + tcp + " ::1\n", "5", "run1", "h2", "tcp", Integer.toString(tcp), "::1"));
        int udp = freePort();
        assertTrue(probeOn("::1", "udp/" + udp + "/1", "SENT udp " + udp + " ::1\n", "3", "run1", "h2", "udp",
                Integer.toString(udp), "::1").contains("GOT udp " + udp + " h2"));
        assumeTrue("root".equals(System.getProperty("user.name")), "raw IP sockets need root");
        // A raw IPv6 socket gets no IP header: the listener must not skip one.
        assertEquals("LISTEN esp 50\nREADY\nGOT esp 50 h3\n",
                probeOn("::1", "esp/50/1", "SENT esp 50 ::1\n", "3", "run1", "h3", "esp", "50", "::1"));
    }

    /** Text that is no IP address is named as such by both ESP halves, never sent to. */
    @Test
    void theEspHalvesRefuseANameSayingSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        assumeTrue("root".equals(System.getProperty("user.name")), "raw IP sockets need root");
        assertEquals("START\nFAILED esp 50 no-such-host not_an_IP_address\n",
                output(perl(ProbeScripts.SEND, "1", "run4", "h3", "esp", "50", "no-such-host")));
        // Nothing could be bound: READY, and it ends at once, heard or not.
        assertEquals("BUSY esp 50 not an IP address\nREADY\n",
                output(perl(ProbeScripts.LISTEN, "1", "60", "run4", "no-such-host", "esp/50/1")));
    }
}
