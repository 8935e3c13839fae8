package io.ovl.doctor;

import static io.ovl.doctor.Labs.H1;
import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.KvStoreExposed;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * kv.store-exposed on the captured facts of the lab's store host h1 (198.18.144.11 on eth0), with its
 * captured {@code ss -H -lntup} and one line added for the store's listener (the capture was taken
 * before init; the line is in the shape of the captured etcd listener in io/ovl/facts/ss-H-lntu-lab-etcd.txt).
 */
class KvStoreExposedTest {
    private static final String SS = FakeHost.resource("h1-2010/ss-H-lntup.txt");

    private static DoctorContext withStoreOn(String listen, Topology t) {
        Map<String, HostFacts> facts = Labs.healthy();
        facts.put("h1", FakeHost.of("h1-2010").answer(FactCommands.SS, SS
                + "tcp LISTEN 0      4096   " + listen + " 0.0.0.0:* users:((\"etcd\",pid=812,fd=7))\n").facts());
        return Labs.context(t, facts);
    }

    @Test
    void aStoreOnEveryAddressWithoutTlsIsOneWarningOnItsHostWithTheFix() {
        DoctorContext ctx = withStoreOn("0.0.0.0:2379", Labs.kv());
        List<Finding> all = new KvStoreExposed().evaluate(ctx);
        Finding h1 = verdict(new KvStoreExposed(), ctx, "h1");
        assertEquals(Severity.WARNING, h1.severity());
        assertEquals("kv store on h1 listens on 0.0.0.0:2379 without TLS: anything that reaches h1 reaches the store",
                h1.message());
        assertEquals(Optional.of("bind it to 198.18.144.11 (ovl init does) or set kv-store.tls"), h1.fix());
        assertEquals(1, all.stream().filter(f -> f.severity() == Severity.WARNING).count(), all.toString());
        assertEquals(Severity.SKIP, verdict(new KvStoreExposed(), ctx, "h2").severity(), "h2 holds no store");
    }

    @Test
    void aStoreOnAnotherAddressThanTheUnderlayIsNamedWithThatAddress() {
        Finding h1 = verdict(new KvStoreExposed(), withStoreOn("192.0.2.11:2379", Labs.kv()), "h1");
        assertEquals("kv store on h1 listens on 192.0.2.11:2379 without TLS: anything that reaches h1 on 192.0.2.11"
                + " reaches the store", h1.message());
    }

    @Test
    void aStoreOnTheUnderlayAddressPassesAndWithTlsItIsNotAsked() {
        assertEquals(Severity.PASS, verdict(new KvStoreExposed(), withStoreOn("198.18.144.11:2379", Labs.kv()), "h1")
                .severity());
        Topology tls = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(KvStore.onHosts(KvBackend.ETCD,
                List.of("h1")).withTls(new KvTls("/a/ca.pem", "/a/c.pem", "/a/k.pem"))), Optional.empty(),
                List.of(H1, H2, H3), List.of(Labs.LABNET));
        assertEquals(Severity.SKIP, verdict(new KvStoreExposed(), withStoreOn("0.0.0.0:2379", tls), "h1").severity());
    }
}
