package io.ovl.doctor;

import static io.ovl.doctor.Labs.H1;
import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.KvHealthy;
import io.ovl.doctor.checks.KvTlsFiles;
import io.ovl.facts.Fact;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreDialer;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
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

        Finding h2 = verdict(new KvTlsFiles(), ctx, "h2");
        assertEquals(Severity.ERROR, h2.severity());
        assertEquals("missing or not a readable file on h2: /etc/docker/kv tls/$(reboot).pem", h2.message());
        assertTrue(h2.fix().orElseThrow().contains("or correct kv-store.tls"), h2.fix().toString());
        assertEquals(Severity.PASS, verdict(new KvTlsFiles(), ctx, "h3").severity());
        assertEquals(Severity.SKIP, verdict(new KvTlsFiles(), ctx, "h1").severity(), "h1 is neither overlay nor store host");
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

        Finding h1 = verdict(new KvTlsFiles(), ctx, "h1");
        assertEquals(Severity.ERROR, h1.severity());
        assertEquals("missing or not a readable file on h1: /etc/docker/kv-tls/ca.pem", h1.message());
        assertTrue(h1.fix().orElseThrow().contains("the store's etcd reads them there"), h1.fix().toString());
        assertEquals(Severity.PASS, verdict(new KvTlsFiles(), ctx, "h2").severity());
    }

    @Test
    void aHostWhereTheLookFailedFailsWithTheReason() {
        Map<String, RemoteShell> shells = Map.of(
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), 1, "", "sudo: a password is required"),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""));
        Finding h2 = verdict(new KvTlsFiles(), context(shells), "h2");
        assertEquals(Severity.ERROR, h2.severity());
        assertTrue(h2.message().contains("sudo: a password is required"), h2.message());
    }

    @Test
    void withoutTlsNothingIsAskedAndTheCheckSkips() {
        Topology plain = Labs.kv();
        FakeRemoteShell h2 = new FakeRemoteShell("h2");
        List<GatheredHost> hosts = Labs.context(plain, Labs.healthy()).hosts();
        assertEquals(Map.of(), TlsFiles.read(plain, hosts, Map.of("h2", h2), new ParallelHosts(1)));
        assertEquals(List.of(), h2.calls());
        assertEquals(Severity.SKIP, verdict(new KvTlsFiles(), Labs.context(plain, Labs.healthy()), "h2").severity());
    }

    /**
     * kv.healthy over a TLS store: asked only from a host where kv.tls-files found every file, with
     * the files read from that host and through that host's dialer. FAKE shells (TLS files answered
     * by path, the last argument of RemoteFiles' read) and a FAKE dialer that records the dial and
     * refuses it; the real TLS path runs in InitTlsIT.
     */
    @Test
    void kvHealthyAsksATlsStoreOnlyWhereEveryFileIsThereAndElsewhereSaysItCouldNotAsk() {
        Map<String, RemoteShell> listing = Map.of(
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), TLS.key() + "\n"),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), ""));
        List<String> read = new ArrayList<>();
        RemoteShell h3Files = command -> {
            String path = command.argv().get(command.argv().size() - 1);
            read.add(path);
            return CommandResult.ok("h3", command, "PEM of " + path);
        };
        List<String> dialled = new ArrayList<>();
        StoreDialer refusing = (address, port) -> {
            dialled.add(address + ":" + port);
            throw new IOException("connect failed");
        };
        DoctorContext base = context(listing);

        Map<String, List<StoreAnswer>> answers = StoreHealthAsker.ask(EXTERNAL_TLS, base.hosts(),
                Map.of("h2", new FakeRemoteShell("h2"), "h3", h3Files), Map.of("h2", refusing, "h3", refusing),
                base.tlsFilesMissing(), new ParallelHosts(1));

        assertEquals(List.of("h3"), List.copyOf(answers.keySet()), "h2 lacks a TLS file: not asked");
        assertEquals(List.of(TLS.ca(), TLS.cert(), TLS.key()), read);
        assertEquals(List.of("198.18.144.11:2379"), dialled);
        DoctorContext ctx = new DoctorContext(EXTERNAL_TLS, base.hosts(), Optional.empty(), answers, base.tlsFilesMissing());
        Finding h2 = verdict(new KvHealthy(), ctx, "h2");
        assertEquals(Severity.SKIP, h2.severity(), "kv.tls-files already fails h2");
        assertEquals("could not ask the TLS store from here: its TLS files are missing or unreadable (" + TLS.key()
                + "; see kv.tls-files)", h2.message());
        Finding h3 = verdict(new KvHealthy(), ctx, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("the store is not healthy from here: 198.18.144.11:2379: cannot connect from h3: connect failed",
                h3.message());
    }

    @Test
    void kvHealthySaysItCouldNotAskWhereTheTlsFilesCouldNotBeLookedAt() {
        DoctorContext ctx = context(Map.of(
                "h2", new FakeRemoteShell("h2").on(TlsFiles.command(TLS), 1, "", "sudo: a password is required"),
                "h3", new FakeRemoteShell("h3").on(TlsFiles.command(TLS), "")));
        Finding h2 = verdict(new KvHealthy(), ctx, "h2");
        assertEquals(Severity.SKIP, h2.severity());
        assertTrue(h2.message().startsWith("could not ask the TLS store from here: could not tell whether its TLS files"
                + " are readable: ") && h2.message().contains("sudo: a password is required"), h2.message());
    }

    @Test
    void kvHealthyPassesATlsStoreSayingItAskedOverTlsAndFailsAHandshakeNamingHostEndpointReasonAndFix() {
        List<GatheredHost> hosts = Labs.context(EXTERNAL_TLS, Labs.healthy()).hosts();
        Map<String, Fact<List<String>>> allThere = Map.of("h2", Fact.known(List.of()), "h3", Fact.known(List.of()));
        DoctorContext ctx = new DoctorContext(EXTERNAL_TLS, hosts, Optional.empty(), Map.of(
                "h2", List.of(new StoreAnswer("198.18.144.11:2379", true, "TLS, etcd /health: {\"health\":\"true\"}")),
                "h3", List.of(new StoreAnswer("198.18.144.11:2379", false, "TLS with the store from h3 failed:"
                        + " PKIX path building failed"))), allThere);

        Finding h2 = verdict(new KvHealthy(), ctx, "h2");
        assertEquals(Severity.PASS, h2.severity());
        assertEquals("198.18.144.11:2379: TLS, etcd /health: {\"health\":\"true\"}", h2.message());

        Finding h3 = verdict(new KvHealthy(), ctx, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("the store is not healthy from here: 198.18.144.11:2379: TLS with the store from h3 failed:"
                + " PKIX path building failed", h3.message());
        String hint = h3.fix().orElseThrow();
        assertTrue(hint.startsWith("the TLS handshake failed: check on h3 that kv-store.tls ca (" + TLS.ca() + ")"), hint);
        assertTrue(hint.contains("openssl s_client"), hint);
    }

    @Test
    void kvHealthyFailsTlsFilesThatAreNoPemWithAHintToConvertThemNotToStartTheStore() {
        List<GatheredHost> hosts = Labs.context(EXTERNAL_TLS, Labs.healthy()).hosts();
        DoctorContext ctx = new DoctorContext(EXTERNAL_TLS, hosts, Optional.empty(), Map.of("h2", List.of(
                new StoreAnswer("198.18.144.11:2379", false, "TLS files of kv-store.tls on h2: the key is not an"
                        + " unencrypted PKCS#8 PEM key"))), Map.of("h2", Fact.known(List.of())));
        Finding h2 = verdict(new KvHealthy(), ctx, "h2");
        assertEquals(Severity.ERROR, h2.severity());
        String hint = h2.fix().orElseThrow();
        assertTrue(hint.contains("unencrypted PKCS#8 PEM key on h2") && !hint.contains("start the store"), hint);
    }

    private static DoctorContext context(Map<String, RemoteShell> shells) {
        List<GatheredHost> hosts = Labs.context(EXTERNAL_TLS, Labs.healthy()).hosts();
        return new DoctorContext(EXTERNAL_TLS, hosts, Optional.empty(), Map.of(),
                TlsFiles.read(EXTERNAL_TLS, hosts, shells, new ParallelHosts(1)));
    }
}
