package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Journals captured on the lab's hosts; see the README next to the resources. */
class DockerdLogTest {

    private static List<DockerdLogFinding.Kind> kinds(String resource) {
        return DockerdLog.scan(Resources.text(resource)).stream().map(DockerdLogFinding::kind).distinct().toList();
    }

    @Test
    void unreachableStoreGivesDiscoveryErrorsWithLineNumbers() {
        String journal = Resources.text("journal-docker-20.10-unreachable-store.txt");
        List<DockerdLogFinding> findings = DockerdLog.scan(journal);
        assertEquals(List.of(DockerdLogFinding.Kind.DISCOVERY_ERROR), kinds("journal-docker-20.10-unreachable-store.txt"));
        assertTrue(findings.stream().anyMatch(f -> f.line().contains("Unexpected watch error")));
        DockerdLogFinding first = findings.get(0);
        assertEquals(journal.split("\n")[first.lineNumber() - 1].strip(), first.line());
        // the deprecation warnings are not findings
        assertTrue(findings.stream().noneMatch(f -> f.line().contains("deprecated")));
    }

    @Test
    void engine26RejectsClusterStore() {
        List<DockerdLogFinding> findings = DockerdLog.scan(Resources.text("journal-docker-26-unknown-flag.txt"));
        assertTrue(findings.size() >= 1);
        assertTrue(findings.stream().allMatch(f -> f.kind() == DockerdLogFinding.Kind.UNKNOWN_FLAG));
        assertTrue(findings.get(0).line().endsWith("unknown flag: --cluster-store"), findings.get(0).line());
        assertEquals(List.of(DockerdLogFinding.Kind.UNKNOWN_FLAG), kinds("dockerd-26-unknown-flag.stderr.txt"));
    }

    @Test
    void daemonJsonRejections() {
        assertEquals(List.of(DockerdLogFinding.Kind.CONFIG_REJECTED), kinds("journal-docker-20.10-daemon-json-hosts.txt"));
        assertEquals(List.of(DockerdLogFinding.Kind.CONFIG_REJECTED), kinds("journal-docker-20.10-daemon-json-vs-dropin.txt"));
        assertEquals(List.of(DockerdLogFinding.Kind.CONFIG_REJECTED), kinds("journal-docker-26-daemon-json-cluster-store.txt"));
    }

    @Test
    void aHealthyJournalHasNoFindings() {
        String healthy = Resources.text("journal-docker-20.10-unreachable-store.txt").lines()
                .filter(l -> !l.contains("level=error")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(List.of(), DockerdLog.scan(healthy));
    }

    /** As seen in DoctorLabIT when two dockerds joined one fresh etcd: registration races, not a broken store. */
    @Test
    void theNodesDirectoryRaceOfAFreshStoreIsNoFindingButOtherDiscoveryErrorsAre() {
        String race = "time=\"2026-12-06T03:00:50.813216725Z\" level=error msg=\"discovery error: 102: Not a file"
                + " (/network/docker/nodes) [4]\"";
        String unreachable = "time=\"2026-12-06T03:00:51Z\" level=error msg=\"discovery error: Unexpected watch error\"";
        assertEquals(List.of(), DockerdLog.scan(race));
        assertEquals(1, DockerdLog.scan(race + "\n" + unreachable).size());
    }
}
