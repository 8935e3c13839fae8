package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ChangeProgress;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of verify's steps over FAKE shells (scripted per exact command; for the logic only,
 * real hosts are NetLabIT): every probe is started, has its address and answers on its port before
 * any probe tests another, and a missing image stops the run before any probe starts.
 */
class NetVerifyOrderTest {
    private static final String IMAGE = "local/busybox:1";
    private static final String NETWORK = "tnet";
    private static final String INSPECT = NetFixtures.resource("container-networks.json"); // 10.99.0.129 on tnet

    /** Every command of every host, as "host: step", in the order they ran across hosts. */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private RemoteShell logged(String host, FakeRemoteShell fake) {
        return command -> {
            var r = fake.run(command);
            log.add(host + ": " + step(command));
            return r;
        };
    }

    private static String step(RemoteCommand c) {
        List<String> a = c.argv();
        if (a.contains(ProbeScript.TEST_SCRIPT)) {
            return "test";
        }
        if (a.get(1).equals("exec")) {
            return "listening";
        }
        return a.get(1) + " " + a.get(2);
    }

    private static FakeRemoteShell probeHost(String host, Map<String, String> targets) {
        String name = ProbeScript.containerName(host);
        return new FakeRemoteShell(host)
                .on(NetCommands.imageInspect(IMAGE), "sha256:1\n")
                .on(ProbeScript.remove(name), "")
                .on(ProbeScript.disconnect(NETWORK, name), "")
                .on(ProbeScript.start(name, NETWORK, IMAGE), "c0ffee\n")
                .on(ProbeScript.networks(name), INSPECT)
                .on(ProbeScript.listening(name), "")
                .on(ProbeScript.test(name, ipv4Only(targets)), "");
    }

    private static Map<String, ProbeScript.Target> ipv4Only(Map<String, String> targets) {
        Map<String, ProbeScript.Target> out = new LinkedHashMap<>();
        targets.forEach((n, a) -> out.put(n, new ProbeScript.Target(java.util.Optional.of(a), java.util.Optional.empty())));
        return out;
    }

    @Test
    void everyProbeIsUpAndListeningBeforeAnyTestStarts() {
        // Both probes read the same captured address: what matters here is the order of the steps.
        Map<String, String> fromH2 = new LinkedHashMap<>(Map.of("ovl-probe-h3", "10.99.0.129"));
        Map<String, String> fromH3 = new LinkedHashMap<>(Map.of("ovl-probe-h2", "10.99.0.129"));
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of(
                "h2", logged("h2", probeHost("h2", fromH2)), "h3", logged("h3", probeHost("h3", fromH3))), Map.of());

        new NetVerify(hosts, new ParallelHosts(2), ChangeProgress.NONE).run(NETWORK, IMAGE);

        List<String> steps = List.copyOf(log);
        int lastReady = Math.max(steps.lastIndexOf("h2: listening"), steps.lastIndexOf("h3: listening"));
        int firstTest = Math.min(steps.indexOf("h2: test"), steps.indexOf("h3: test"));
        assertTrue(steps.contains("h2: test") && steps.contains("h3: test"), steps.toString());
        assertTrue(lastReady >= 0 && lastReady < firstTest, steps.toString());
        for (String h : List.of("h2", "h3")) {
            assertTrue(steps.indexOf(h + ": run --detach") < steps.indexOf(h + ": container inspect")
                    && steps.indexOf(h + ": container inspect") < steps.indexOf(h + ": listening"), steps.toString());
        }
    }

    @Test
    void aProbeWhoseListenerNeverAnswersIsNotStartedAndNoOneTestsIt() {
        String name = ProbeScript.containerName("h2");
        FakeRemoteShell h2 = new FakeRemoteShell("h2")
                .on(NetCommands.imageInspect(IMAGE), "sha256:1\n")
                .on(ProbeScript.remove(name), "")
                .on(ProbeScript.start(name, NETWORK, IMAGE), "c0ffee\n")
                .on(ProbeScript.networks(name), INSPECT)
                .on(ProbeScript.listening(name), 1, "", "");
        FakeRemoteShell h3 = probeHost("h3", new LinkedHashMap<>());
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of("h2", h2, "h3", h3), Map.of());

        VerifyReport r = new NetVerify(hosts, new ParallelHosts(2), ChangeProgress.NONE).run(NETWORK, IMAGE);

        assertTrue(r.probes().get("h2").error().orElseThrow().contains("httpd does not answer on port 7777"), r.toString());
        assertEquals(ExitCode.CHECKS_FAILED, r.exitCode());
        assertTrue(h3.calls().stream().noneMatch(c -> c.argv().contains(ProbeScript.TEST_SCRIPT)), "h3 has no peer to test");
    }

    @Test
    void aMissingImageStopsTheRunBeforeAnyProbeStarts() {
        FakeRemoteShell h2 = new FakeRemoteShell("h2").on(NetCommands.imageInspect(IMAGE), "sha256:1\n");
        FakeRemoteShell h3 = new FakeRemoteShell("h3").on(NetCommands.imageInspect(IMAGE), 1, "",
                "Error: No such image: local/busybox:1\n");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of("h2", h2, "h3", h3), Map.of());

        OvlException e = assertThrows(OvlException.class,
                () -> new NetVerify(hosts, new ParallelHosts(2), ChangeProgress.NONE).run(NETWORK, IMAGE));

        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertEquals("h3: no image local/busybox:1; pull busybox or pass --image", e.getMessage());
        assertEquals(List.of(NetCommands.imageInspect(IMAGE)), h2.calls());
        assertEquals(List.of(NetCommands.imageInspect(IMAGE)), h3.calls());
    }

    /** Docker 20.10's own words when libnetwork dialed the store from a container's namespace (lab, mx-h3). */
    static final String TRANSIENT = "docker: Error response from daemon: could not update the kvobject to latest when"
            + " trying to atomic add endpoint count: client: etcd cluster is unavailable or misconfigured; error #0:"
            + " dial tcp 198.18.228.11:2379: connect: network is unreachable.";

    @Test
    void aProbeWhoseStartHitATransientStoreErrorIsStartedAgainAndTested() {
        Map<String, String> fromH2 = new LinkedHashMap<>(Map.of("ovl-probe-h3", "10.99.0.129"));
        Map<String, String> fromH3 = new LinkedHashMap<>(Map.of("ovl-probe-h2", "10.99.0.129"));
        RemoteShell h3 = probeHost("h3", fromH3);
        int[] starts = {0};
        RemoteShell flaky = command -> {
            if (command.equals(ProbeScript.start(ProbeScript.containerName("h3"), NETWORK, IMAGE)) && starts[0]++ == 0) {
                return new io.ovl.ssh.CommandResult("h3", command, 125, new byte[0],
                        TRANSIENT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return h3.run(command);
        };
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of("h2", probeHost("h2", fromH2), "h3", flaky), Map.of());

        VerifyReport report = new NetVerify(hosts, new ParallelHosts(2), ChangeProgress.NONE).run(NETWORK, IMAGE);

        assertEquals(2, starts[0], "started once more after the transient error");
        assertTrue(report.probes().get("h3").address().isPresent(), report.toString());
    }

    @Test
    void onlyAStoreErrorThatSaysNothingAboutTheOverlayCountsAsTransient() {
        assertTrue(NetVerify.transientStoreError(TRANSIENT));
        assertTrue(NetVerify.transientStoreError("docker: Error response from daemon: failed to update store for object"
                + " type *libnetwork.endpointCnt: client: etcd cluster is unavailable or misconfigured; error #0: dial tcp"
                + " 198.18.240.11:2379: connect: network is unreachable."));
        assertTrue(NetVerify.transientStoreError("docker: Error response from daemon: failed to get network from store"
                + " during join: network dcdea3163c66 not found."));
        assertTrue(NetVerify.transientStoreError("docker: Error response from daemon: endpoint with name ovl-probe-h4"
                + " already exists in network myoverlay."));
        String swarmV6 = "docker: Error response from daemon: attaching to network failed, make sure your network options"
                + " are correct and check manager logs: context deadline exceeded.";
        assertTrue(!NetVerify.transientStoreError(swarmV6), "it failed on every try: not worth 20 s a retry");
        assertTrue(NetVerify.startError(swarmV6).endsWith("moby/moby#48116)"));
        assertEquals("docker: Error response from daemon: network tnet not found.",
                NetVerify.startError("docker: Error response from daemon: network tnet not found."));
        assertTrue(!NetVerify.transientStoreError("docker: Error response from daemon: network tnet not found."));
        assertTrue(!NetVerify.transientStoreError("Unable to find image 'local/busybox:1' locally"));
    }

    /** FAKE shells: a probe that started with no endpoint on the network (Docker 20.10, kv mode) is started again. */
    @Test
    void aProbeThatStartedWithoutAnAddressIsStartedAgain() {
        Map<String, String> fromH2 = new LinkedHashMap<>(Map.of("ovl-probe-h3", "10.99.0.129"));
        Map<String, String> fromH3 = new LinkedHashMap<>(Map.of("ovl-probe-h2", "10.99.0.129"));
        RemoteShell h3 = probeHost("h3", fromH3);
        int[] inspects = {0};
        RemoteShell unattached = command -> {
            if (command.equals(ProbeScript.networks(ProbeScript.containerName("h3"))) && inspects[0]++ == 0) {
                return io.ovl.ssh.CommandResult.ok("h3", command, "{}\n");
            }
            return h3.run(command);
        };
        var hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of("h2", probeHost("h2", fromH2), "h3", unattached),
                Map.of());

        VerifyReport report = new NetVerify(hosts, new ParallelHosts(2), ChangeProgress.NONE).run(NETWORK, IMAGE);

        assertEquals(2, inspects[0], "inspected again after starting again");
        assertTrue(report.probes().get("h3").address().isPresent(), report.toString());
    }
}
