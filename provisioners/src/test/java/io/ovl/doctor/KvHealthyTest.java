package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.KvHealthy;
import io.ovl.kv.StoreAnswer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kv.healthy over facts captured on the lab (FAKE hosts, see {@link Labs}) and given store answers. */
class KvHealthyTest {
    private static final KvHealthy CHECK = new KvHealthy();

    private static DoctorContext withAnswers(Map<String, List<StoreAnswer>> answers) {
        DoctorContext base = Labs.context(Labs.kv(), Labs.healthy());
        return new DoctorContext(base.topology(), base.hosts(), Optional.empty(), answers);
    }

    @Test
    void aHealthyStorePassesWithWhatItSaid() {
        Finding v = Labs.verdict(CHECK, withAnswers(Map.of("h2", List.of(new StoreAnswer("198.18.144.11:2379", true,
                "etcd /health: {\"health\":\"true\"}")))), "h2");
        assertEquals(Severity.PASS, v.severity());
        assertTrue(v.message().contains("198.18.144.11:2379: etcd /health"), v.message());
    }

    @Test
    void anUnhealthyEndpointWhileAnotherAnswersHealthyWarnsNamingItAndHowManyOfAll() {
        // A member answers healthy only with its cluster's quorum: dockerd goes on through it.
        Finding v = Labs.verdict(CHECK, withAnswers(Map.of("h3", List.of(
                new StoreAnswer("198.18.144.11:2379", true, "etcd /health: ok"),
                new StoreAnswer("198.18.144.12:2379", false, "cannot connect: Connection refused")))), "h3");
        assertEquals(Severity.WARNING, v.severity());
        assertTrue(v.message().startsWith("1 of 2 store endpoints are not healthy from here: 198.18.144.12:2379: cannot"
                + " connect: Connection refused; the other 1 answer healthy"), v.message());
    }

    @Test
    void noEndpointHealthyFails() {
        Finding v = Labs.verdict(CHECK, withAnswers(Map.of("h3", List.of(
                new StoreAnswer("198.18.144.11:2379", false, "etcd /health: {\"health\":\"false\"}"),
                new StoreAnswer("198.18.144.12:2379", false, "cannot connect: Connection refused")))), "h3");
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().startsWith("the store is not healthy from here: "), v.message());
    }

    @Test
    void beforeSetupAndOnTheStoreOnlyHostItSkips() {
        DoctorContext none = withAnswers(Map.of());
        assertEquals(Severity.SKIP, Labs.verdict(CHECK, none, "h2").severity());
        assertEquals(Severity.SKIP, Labs.verdict(CHECK, none, "h1").severity());
        assertEquals("not an overlay host", Labs.verdict(CHECK, none, "h1").message());
    }
}
