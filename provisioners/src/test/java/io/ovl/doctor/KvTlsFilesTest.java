package io.ovl.doctor;

import static io.ovl.doctor.Labs.H1;
import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.doctor.checks.KvHealthy;
import io.ovl.doctor.checks.KvTlsFiles;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * kv.tls-files: reading which TLS files are missing (over FAKE shells that answer the exact
 * command; the script itself runs on lab hosts in InitTlsIT) and the verdict per host.
 */
class KvTlsFilesTest {
    private static final KvTls TLS = new KvTls("/etc/docker/kv-tls/ca.pem", "/etc/docker/kv-tls/client.pem",
            "/etc/docker/kv tls/$(reboot).pem");
    private static final Topology EXTERNAL_TLS = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
            Optional.of(KvStore.external(KvBackend.ETCD, URI.create("etcd://198.18.144.11:2379")).withTls(TLS)),
            Optional.empty(), List.of(H1, H2, H3), List.of(Labs.LABNET));

    @Test
    void thePathsArePassedAsDataNotAsPartOfTheScript() {
        List<String> argv = TlsFiles.command(TLS).argv();
        assertEquals(List.of("/etc/docker/kv-tls/ca.pem", "/etc/docker/kv-tls/client.pem",
                "/etc/docker/kv tls/$(reboot).pem"), argv.subList(argv.size() - 3, argv.size()));
        assertTrue(argv.stream().noneMatch(a -> a.contains("ca.pem") && a.contains("for f")), argv.toString());
    }

    @Test
    void aMissingFileFailsNamingHostAndPathAndOtherHostsPass() {
        Map<String, RemoteShell> shells = Map.of(
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), "/etc/docker/kv tls/$(reboot).pem\n"),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""));
        DoctorContext ctx = context(shells);

        Verdict h2 = verdict(new KvTlsFiles(), ctx, "h2");
        assertEquals(Status.FAIL, h2.status());
        assertEquals("missing or not a readable file on h2: /etc/docker/kv tls/$(reboot).pem", h2.message());
        assertTrue(h2.hint().orElseThrow().contains("or correct kv-store.tls"), h2.hint().toString());
        assertEquals(Status.PASS, verdict(new KvTlsFiles(), ctx, "h3").status());
        assertEquals(Status.SKIP, verdict(new KvTlsFiles(), ctx, "h1").status(), "h1 is neither overlay nor store host");
    }

    @Test
    void theHostOfAStoreOvlRunsIsAskedTooThoughItIsNoOverlayHost() {
        Topology own = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
                Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("h1")).withTls(TLS)), Optional.empty(),
                List.of(H1, H2, H3), List.of(Labs.LABNET));
        Map<String, RemoteShell> shells = Map.of(
                "h1", new FakeRemoteShell("h1").on(TlsFiles.command(TLS), "/etc/docker/kv-tls/ca.pem\n"),
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), ""),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""));
        List<GatheredHost> hosts = Labs.context(own, Labs.healthy()).hosts();
        DoctorContext ctx = new DoctorContext(own, hosts, Optional.empty(), Map.of(),
                TlsFiles.read(own, hosts, shells, new ParallelHosts(1)));

        Verdict h1 = verdict(new KvTlsFiles(), ctx, "h1");
        assertEquals(Status.FAIL, h1.status());
        assertEquals("missing or not a readable file on h1: /etc/docker/kv-tls/ca.pem", h1.message());
        assertTrue(h1.hint().orElseThrow().contains("the store's etcd reads them there"), h1.hint().toString());
        assertEquals(Status.PASS, verdict(new KvTlsFiles(), ctx, "h2").status());
    }

    @Test
    void aHostWhereTheLookFailedFailsWithTheReason() {
        Map<String, RemoteShell> shells = Map.of(
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), 1, "", "sudo: a password is required"),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""));
        Verdict h2 = verdict(new KvTlsFiles(), context(shells), "h2");
        assertEquals(Status.FAIL, h2.status());
        assertTrue(h2.message().contains("sudo: a password is required"), h2.message());
    }

    @Test
    void withoutTlsNothingIsAskedAndTheCheckSkips() {
        Topology plain = Labs.kv();
        FakeRemoteShell h2 = new FakeRemoteShell("h2");
        List<GatheredHost> hosts = Labs.context(plain, Labs.healthy()).hosts();
        assertEquals(Map.of(), TlsFiles.read(plain, hosts, Map.of("h2", h2), new ParallelHosts(1)));
        assertEquals(List.of(), h2.calls());
        assertEquals(Status.SKIP, verdict(new KvTlsFiles(), Labs.context(plain, Labs.healthy()), "h2").status());
    }

    @Test
    void kvHealthyDoesNotAskATlsStoreAndSaysWhy() {
        Map<String, RemoteShell> shells = Map.of("h2", new FakeRemoteShell("h2"), "h3", new FakeRemoteShell("h3"));
        List<GatheredHost> hosts = Labs.context(EXTERNAL_TLS, Labs.healthy()).hosts();
        assertEquals(Map.of(), StoreHealthAsker.ask(EXTERNAL_TLS, hosts, shells, new ParallelHosts(1)));
        Verdict v = verdict(new KvHealthy(), context(Map.of("h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), ""),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""))), "h2");
        assertEquals(Status.SKIP, v.status());
        assertTrue(v.message().startsWith("TLS store"), v.message());
    }

    private static DoctorContext context(Map<String, RemoteShell> shells) {
        List<GatheredHost> hosts = Labs.context(EXTERNAL_TLS, Labs.healthy()).hosts();
        return new DoctorContext(EXTERNAL_TLS, hosts, Optional.empty(), Map.of(),
                TlsFiles.read(EXTERNAL_TLS, hosts, shells, new ParallelHosts(1)));
    }
}
