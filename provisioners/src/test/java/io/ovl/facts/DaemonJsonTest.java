package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonJsonTest {
    private static final List<String> DROP_IN_ARGS = List.of("-H", "fd://",
            "--containerd=/run/containerd/containerd.sock", "$DOCKER_OPTS",
            "--cluster-store=etcd://198.18.0.10:2379/network", "--cluster-advertise=eth0:2376",
            "--cluster-store-opt=kv.cacertfile=/etc/ovl/ca.pem");

    @Test
    void clashingKeysAreListedWithFlagAndFileValue() {
        String json = "{\n  \"cluster-store\": \"consul://10.0.0.1:8500\",\n  \"cluster-store-opts\": {\"kv.path\": \"x\"},\n"
                + "  \"log-driver\": \"journald\"\n}\n";
        List<DaemonJsonConflict> c = DaemonJson.conflicts(json, DROP_IN_ARGS);
        assertEquals(List.of(
                new DaemonJsonConflict("cluster-store", "--cluster-store", "\"consul://10.0.0.1:8500\""),
                new DaemonJsonConflict("cluster-store-opts", "--cluster-store-opt", "{\"kv.path\":\"x\"}")), c);
        assertTrue(c.get(0).describe().contains("refuses to start"));
    }

    /** The classic one: "hosts" in daemon.json and -H fd:// in Debian's unit. */
    @Test
    void hostsClashesWithShorthandH() {
        List<DaemonJsonConflict> c = DaemonJson.conflicts("{\"hosts\": [\"unix:///var/run/docker.sock\"]}", DROP_IN_ARGS);
        assertEquals(List.of(new DaemonJsonConflict("hosts", "-H", "[\"unix:///var/run/docker.sock\"]")), c);
    }

    @Test
    void noClashForUnrelatedKeysEmptyFileOrBom() {
        assertEquals(List.of(), DaemonJson.conflicts("{\"log-driver\": \"journald\", \"runtimes\": {}}", DROP_IN_ARGS));
        assertEquals(List.of(), DaemonJson.conflicts("", DROP_IN_ARGS));
        assertEquals(List.of(), DaemonJson.conflicts(" \n", DROP_IN_ARGS));
        assertEquals(1, DaemonJson.conflicts("\uFEFF{\"cluster-advertise\": \"eth1:2376\"}", DROP_IN_ARGS).size());
    }

    @Test
    void invalidJsonNamesFileLineAndColumn() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> DaemonJson.conflicts("{\n  \"log-driver\": \"journald\",\n}\n", DROP_IN_ARGS));
        assertTrue(e.getMessage().startsWith("/etc/docker/daemon.json line 3, column 1"), e.getMessage());
        UnparseableOutputException array = assertThrows(UnparseableOutputException.class,
                () -> DaemonJson.parse("[]"));
        assertTrue(array.getMessage().contains("JSON object"), array.getMessage());
    }

    /**
     * The two refusals dockerd 20.10 really logged on the lab (journal captures) are found from
     * the same inputs: daemon.json text and the unit's arguments plus ovl's flags.
     */
    @Test
    void findsWhatRealDockerdRefused() {
        List<String> unitArgs = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-debian12.txt"))
                .effectiveExecStart().arguments();
        assertEquals(List.of("hosts"), DaemonJson.conflicts(
                "{\"hosts\": [\"unix:///var/run/docker.sock\"], \"log-driver\": \"json-file\"}", unitArgs)
                .stream().map(DaemonJsonConflict::key).toList());
        assertTrue(Resources.text("journal-docker-20.10-daemon-json-hosts.txt").contains("hosts: (from flag: [fd://]"));

        List<String> withDropIn = new java.util.ArrayList<>(unitArgs);
        withDropIn.addAll(List.of("--cluster-store=etcd://198.18.252.11:2379/network", "--cluster-advertise=eth0:2376",
                "--cluster-store-opt=kv.cacertfile=/etc/ovl/ca.pem"));
        assertEquals(List.of("cluster-store", "cluster-store-opts"), DaemonJson.conflicts(
                "{\"cluster-store\": \"consul://198.18.252.11:8500/network\", \"cluster-store-opts\": {\"kv.path\": \"x\"},"
                        + " \"log-driver\": \"json-file\"}", withDropIn)
                .stream().map(DaemonJsonConflict::key).toList());
        String journal = Resources.text("journal-docker-20.10-daemon-json-vs-dropin.txt");
        assertTrue(journal.contains("cluster-store: (from flag") && journal.contains("cluster-store-opts: (from flag"));
    }
}
