package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovl init} with {@code kv-store.tls} on a lab of three real hosts with Engine 20.10: the
 * test makes a CA, a server certificate for etcd and a client certificate for dockerd with openssl,
 * runs etcd on h1 with TLS and client-certificate authentication (an existing store, given by url),
 * and copies the client files onto the overlay hosts h2 and h3. A file missing on h3 stops init
 * (exit 3, kv.tls-files naming host and path, nothing changed); with the files in place init points
 * dockerd at the store with the three --cluster-store-opt, and a network created on h2 is seen on
 * h3 and carries traffic, which proves dockerd talks TLS with its certificate (the store refuses
 * anything else). doctor's kv.healthy then asks the store over TLS from h2 and h3 and passes; with
 * another CA's file in place of the CA on h3 it fails there naming the TLS problem (the file is
 * restored after). Then ovl starts its own etcd with TLS (templates/kv/etcd-tls.yaml) from the
 * same kind of files on h1, and reset --purge removes the store but keeps the TLS files. Skips
 * when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitTlsIT {
    private static final String DIR = "/etc/docker/kv-tls";
    private static final String CA = DIR + "/ca.pem";
    private static final String CERT = DIR + "/client.pem";
    private static final String KEY = DIR + "/client-key.pem";
    private static final String NODE = DIR + "/node.pem";
    private static final String NODE_KEY = DIR + "/node-key.pem";

    @TempDir
    static Path pki;

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("tls", LabLayout.of("20.10", "20.10", "20.10"));
    private static Path topology;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() throws Exception {
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        makeCertificates(h1.address());
        copy(h1, "ca.pem", "/etc/kv-tls/ca.pem");
        copy(h1, "server.pem", "/etc/kv-tls/server.pem");
        copy(h1, "server-key.pem", "/etc/kv-tls/server-key.pem");
        startTlsEtcd();
        String text = Files.readString(LAB.lab().topologyPath()).replaceFirst("(?ms)^kv-store:\n.*?^  port: 2379\n",
                "kv-store:\n  backend: etcd\n  url: etcd://" + h1.address() + ":2379\n  tls:\n    ca: " + CA
                        + "\n    cert: " + CERT + "\n    key: " + KEY + "\n");
        assertTrue(text.contains("  tls:\n"), text);
        topology = LAB.lab().stateDir().resolve("topology-tls.yaml");
        Files.writeString(topology, text);
    }

    @Test
    @Order(1)
    void aTlsFileMissingOnAHostStopsInitNamingHostAndPathAndNothingChanges() {
        for (LabHost h : List.of(h2, h3)) {
            copy(h, "ca.pem", CA);
            copy(h, "client.pem", CERT);
        }
        copy(h2, "client-key.pem", KEY); // h3 lacks the key
        Map<String, String> before = invocations();

        Cli.Run r = Cli.run("init", "-f", topology.toString(), "--yes");

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("  error: host " + h3.name() + ": kv.tls-files: missing or not a readable file on "
                + h3.name() + ": " + KEY), r.out());
        assertFalse(r.out().contains("host " + h2.name() + ": kv.tls-files"), r.out());
        assertFalse(r.out().contains("host " + h3.name() + ": store.reachable"), "said once, by kv.tls-files: " + r.out());
        for (LabHost h : List.of(h2, h3)) {
            assertFalse(LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), "drop-in on " + h.name());
        }
        assertEquals(before, invocations(), "docker.service restarted somewhere");
    }

    @Test
    @Order(2)
    void withTheFilesInPlaceDockerdUsesTheTlsStoreAndTheOverlayWorks() {
        copy(h3, "client-key.pem", KEY);

        Cli.Run r = Cli.run("init", "-f", topology.toString(), "--yes");

        assertEquals(0, r.exit(), r.out() + r.err());
        for (LabHost h : List.of(h2, h3)) {
            assertEquals("etcd://" + h1.address() + ":2379/network",
                    in(h, "docker", "info", "--format", "{{.ClusterStore}}"));
            String cmdline = in(h, "sh", "-c", "tr '\\0' '\\n' < /proc/$(pidof dockerd)/cmdline");
            assertTrue(cmdline.lines().toList().containsAll(List.of("--cluster-store-opt=kv.cacertfile=" + CA,
                    "--cluster-store-opt=kv.certfile=" + CERT, "--cluster-store-opt=kv.keyfile=" + KEY)), cmdline);
        }
        assertEquals("global", in(h3, "docker", "network", "inspect", "--format", "{{.Scope}}", "labnet"));
        in(h2, "docker", "run", "-d", "--name", "web2", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-over-tls-store | nc -l -p 8080; done");
        String answer = in(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5; do nc web2 8080 </dev/null && exit 0; sleep 1; done; exit 1");
        assertEquals("hello-over-tls-store", answer);

        Cli.Run again = Cli.run("init", "-f", topology.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("Nothing to do"), again.out());
    }

    @Test
    @Order(3)
    void doctorAsksTheTlsStoreOverTlsFromEveryOverlayHost() throws IOException {
        Cli.Run r = Cli.run("doctor", "-f", topology.toString(), "--output", "json");

        Map<String, JsonNode> kvHealthy = results(r, "kv.healthy");
        for (LabHost h : List.of(h2, h3)) {
            JsonNode v = kvHealthy.get(h.name());
            assertEquals("pass", v.path("status").asText(), h.name() + ": " + v);
            // Asked over TLS with the host's client certificate (the store refuses anything else).
            assertTrue(v.path("message").asText().startsWith(h1.address() + ":2379: TLS, etcd /health: "), v.toString());
        }
        assertEquals("skip", kvHealthy.get(h1.name()).path("status").asText(), "h1 is no overlay host");
        assertEquals("pass", results(r, "kv.tls-files").get(h2.name()).path("status").asText(), r.out());
    }

    @Test
    @Order(4)
    void aCaFileOfAnotherCaFailsKvHealthyOnThatHostNamingTheTlsProblem() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca-key.pem", "-out", "other-ca.pem",
                "-days", "2", "-subj", "/CN=another-ca");
        copy(h3, "other-ca.pem", CA);
        try {
            Cli.Run r = Cli.run("doctor", "-f", topology.toString(), "--output", "json", "--no-probe");

            assertEquals(3, r.exit(), r.out() + r.err());
            Map<String, JsonNode> kvHealthy = results(r, "kv.healthy");
            JsonNode h3v = kvHealthy.get(h3.name());
            assertEquals("fail", h3v.path("status").asText(), h3v.toString());
            String message = h3v.path("message").asText();
            assertTrue(message.contains(h1.address() + ":2379: TLS with the store from " + h3.name() + " failed: "),
                    message);
            // The JDK's reason: the store's certificate does not chain to the CA h3 has.
            assertTrue(message.contains("PKIX") || message.contains("certification path"), message);
            assertTrue(h3v.path("hint").asText().contains(CA), h3v.toString());
            assertEquals("pass", kvHealthy.get(h2.name()).path("status").asText(), kvHealthy.get(h2.name()).toString());
        } finally {
            copy(h3, "ca.pem", CA);
        }
    }

    @Test
    @Order(5)
    void ovlStartsItsOwnEtcdWithTlsAndResetKeepsTheTlsFiles() throws IOException {
        Cli.Run reset = Cli.run("reset", "-f", topology.toString(), "--yes");
        assertEquals(0, reset.exit(), reset.out() + reset.err());
        LAB.lab().exec(h1, "docker", "rm", "-f", "tls-etcd");
        LAB.lab().exec(h2, "docker", "rm", "-f", "web2");
        // One certificate for etcd's server and peer side on h1 and for dockerd's client side.
        for (LabHost h : List.of(h1, h2, h3)) {
            copy(h, "ca.pem", CA);
            copy(h, "node.pem", NODE);
            copy(h, "node-key.pem", NODE_KEY);
        }
        String text = Files.readString(LAB.lab().topologyPath());
        assertTrue(text.contains("  port: 2379\n"), text);
        Path own = LAB.lab().stateDir().resolve("topology-own-tls.yaml");
        Files.writeString(own, text.replace("  port: 2379\n", "  port: 2379\n  tls:\n    ca: " + CA + "\n    cert: " + NODE
                + "\n    key: " + NODE_KEY + "\n"));

        Cli.Run r = Cli.run("init", "-f", own.toString(), "--yes");

        assertEquals(0, r.exit(), r.out() + r.err());
        // init asked the store's health API over TLS, with the client certificate of the hosts.
        assertTrue(r.out().contains(h1.name() + ": store healthy: TLS, etcd /health"), r.out());
        String cmd = in(h1, "docker", "inspect", "--format", "{{json .Config.Cmd}}", "ovl-kv-etcd");
        assertTrue(cmd.contains("--listen-client-urls=https://" + h1.address() + ":2379") && cmd.contains("--client-cert-auth"),
                cmd);
        assertEquals("bind:" + NODE_KEY + ":false", in(h1, "docker", "inspect", "--format",
                "{{range .Mounts}}{{if eq .Destination \"" + NODE_KEY + "\"}}{{.Type}}:{{.Source}}:{{.RW}}{{end}}{{end}}",
                "ovl-kv-etcd"));
        for (LabHost h : List.of(h2, h3)) {
            String cmdline = in(h, "sh", "-c", "tr '\\0' '\\n' < /proc/$(pidof dockerd)/cmdline");
            assertTrue(cmdline.lines().toList().contains("--cluster-store-opt=kv.certfile=" + NODE), cmdline);
        }
        in(h2, "docker", "run", "-d", "--name", "web2", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-over-own-tls-store | nc -l -p 8080; done");
        assertEquals("hello-over-own-tls-store", in(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5; do nc web2 8080 </dev/null && exit 0; sleep 1; done; exit 1"));

        Cli.Run again = Cli.run("init", "-f", own.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("Nothing to do"), again.out());

        Cli.Run purge = Cli.run("reset", "-f", own.toString(), "--purge", "--yes");
        assertEquals(0, purge.exit(), purge.out() + purge.err());
        assertFalse(LAB.lab().inHost(h1, "docker", "inspect", "ovl-kv-etcd").succeeded(), "store container removed");
        for (String f : List.of(CA, NODE, NODE_KEY)) {
            assertTrue(LAB.lab().inHost(h1, "test", "-f", f).succeeded(), f + " kept on " + h1.name());
        }
    }

    private static void startTlsEtcd() throws InterruptedException {
        String a = h1.address();
        LAB.lab().exec(h1, "docker", "run", "-d", "--name", "tls-etcd", "--network", "host", "-v", "/etc/kv-tls:/tls:ro",
                "local/etcd:3.4", "/usr/local/bin/etcd", "--name=tls", "--data-dir=/tmp/etcd-data", "--enable-v2=true",
                "--listen-client-urls=https://" + a + ":2379", "--advertise-client-urls=https://" + a + ":2379",
                "--listen-peer-urls=http://" + a + ":2380", "--initial-advertise-peer-urls=http://" + a + ":2380",
                "--initial-cluster=tls=http://" + a + ":2380", "--cert-file=/tls/server.pem",
                "--key-file=/tls/server-key.pem", "--trusted-ca-file=/tls/ca.pem", "--client-cert-auth");
        // Readiness, bounded: etcd logs this once it serves clients.
        for (int i = 0; i < 60; i++) {
            String log = LAB.lab().inHost(h1, "docker", "logs", "tls-etcd").stderr();
            if (log.contains("ready to serve client requests") || log.contains("serving client")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("etcd with TLS did not start on " + h1.name() + ": "
                + LAB.lab().inHost(h1, "docker", "logs", "tls-etcd").stderr());
    }

    /** A CA, etcd's server certificate (IP SAN = the store host) and dockerd's client certificate. */
    private static void makeCertificates(String storeIp) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=ovl-test-ca");
        Files.writeString(pki.resolve("server.ext"), "subjectAltName=IP:" + storeIp
                + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(pki.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        Files.writeString(pki.resolve("node.ext"), "subjectAltName=IP:" + storeIp
                + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        for (String[] c : List.of(new String[] {"server", "/CN=etcd"}, new String[] {"client", "/CN=dockerd"},
                new String[] {"node", "/CN=ovl-node"})) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", c[0] + "-key.pem", "-out", c[0] + ".csr",
                    "-subj", c[1]);
            openssl("x509", "-req", "-in", c[0] + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                    "-out", c[0] + ".pem", "-days", "2", "-extfile", c[0] + ".ext");
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + out);
        }
    }

    /** Writes a local PKI file to {@code path} in the host; its bytes travel as an argument, never as code. */
    private static void copy(LabHost host, String file, String path) {
        try {
            String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(pki.resolve(file)));
            LAB.lab().exec(host, "sh", "-c", "mkdir -p \"$(dirname \"$2\")\" && printf %s \"$1\" | base64 -d > \"$2\"",
                    "sh", b64, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Doctor's JSON results of one check, by host. */
    private static Map<String, JsonNode> results(Cli.Run r, String check) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : new ObjectMapper().readTree(r.out()).path("checks")) {
            if (c.path("name").asText().equals(check)) {
                c.path("results").forEach(v -> out.put(v.path("host").asText(), v));
            }
        }
        assertFalse(out.isEmpty(), "no results of " + check + " in: " + r.out() + r.err());
        return out;
    }

    private static Map<String, String> invocations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (LabHost h : List.of(h1, h2, h3)) {
            out.put(h.name(), in(h, "systemctl", "show", "-p", "InvocationID", "--value", "docker.service"));
        }
        return out;
    }

    private static String in(LabHost host, String... command) {
        CommandResult r = LAB.lab().exec(host, command);
        return r.stdout().strip();
    }
}
