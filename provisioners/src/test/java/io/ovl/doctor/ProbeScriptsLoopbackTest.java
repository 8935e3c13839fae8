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
 * The real probe scripts, run with this machine's perl on loopback (no host, no SSH): ovl's own
 * listener hears the sender's message, and a port held by someone else gets a bare connection
 * with no bytes, so a daemon there (dockerd's memberlist on 7946) is not sent text it would log
 * as a bad message. Skips when perl is missing.
 */
class ProbeScriptsLoopbackTest {

    private static Process perl(String script, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", script));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
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
        Process listener = perl(ProbeScripts.LISTEN, "5", "run1", "127.0.0.1", "tcp/" + port + "/1");
        Process sender = perl(ProbeScripts.SEND, "5", "run1", "h2", "tcp", Integer.toString(port), "127.0.0.1");
        String sent = output(sender);
        String heard = output(listener);
        assertTrue(sent.contains("SENT tcp " + port + " 127.0.0.1"), sent);
        assertTrue(heard.contains("GOT tcp " + port + " h2"), heard);
    }

    @Test
    void ovlsListenerHearsTheSenderOverUdp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        int port = freePort();
        Process listener = perl(ProbeScripts.LISTEN, "5", "run3", "127.0.0.1", "udp/" + port + "/1");
        Process sender = perl(ProbeScripts.SEND, "3", "run3", "h2", "udp", Integer.toString(port), "127.0.0.1");
        String sent = output(sender);
        String heard = output(listener);
        assertEquals("SENT udp " + port + " 127.0.0.1\n", sent);
        assertTrue(heard.contains("GOT udp " + port + " h2"), heard);
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
            assertTrue(sent.contains("SENT tcp " + holder.getLocalPort()), sent);
            assertEquals(0, received.get(30, TimeUnit.SECONDS).length, "the holder must receive no bytes");
        }
    }

    /** Raw sockets need root: as root, the listener's raw socket gets the sender's ESP packet (no SA needed). */
    @Test
    void ovlsRawListenerHearsTheSendersEspPacket() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        assumeTrue("root".equals(System.getProperty("user.name")), "raw IP sockets need root");
        Process listener = perl(ProbeScripts.LISTEN, "5", "run2", "127.0.0.1", "esp/50/1");
        Process sender = perl(ProbeScripts.SEND, "3", "run2", "h3", "esp", "50", "127.0.0.1");
        String sent = output(sender);
        String heard = output(listener);
        assertEquals("SENT esp 50 127.0.0.1\n", sent);
        assertTrue(heard.contains("LISTEN esp 50\nGOT esp 50 h3\n"), heard);
    }

    /** The probe is IPv4 only: an IPv6 address is named as such by both halves, never sent to. */
    @Test
    void theEspHalvesRefuseAnIpv6AddressSayingSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl");
        assumeTrue("root".equals(System.getProperty("user.name")), "raw IP sockets need root");
        assertEquals("FAILED esp 50 2001:db8::1 not_an_IPv4_address_(the_probe_is_IPv4_only)\n",
                output(perl(ProbeScripts.SEND, "1", "run4", "h3", "esp", "50", "2001:db8::1")));
        assertEquals("BUSY esp 50 not an IPv4 address (the probe is IPv4 only)\n", output(perl(ProbeScripts.LISTEN, "1", "run4", "2001:db8::1", "esp/50/1")));
    }
}
