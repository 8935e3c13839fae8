package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    private static final String DEBIAN_EXEC =
            "/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock $DOCKER_OPTS";

    @Test
    void filesInOrderAndTheLastDropInWins() {
        SystemdUnit unit = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-assembled-dropins.txt"));
        assertEquals("/lib/systemd/system/docker.service", unit.unitFile());
        assertEquals(List.of("/etc/systemd/system/docker.service.d/override.conf",
                "/etc/systemd/system/docker.service.d/10-ovl-cluster.conf"), unit.dropIns());
        ExecStart effective = unit.effectiveExecStart();
        assertEquals("/etc/systemd/system/docker.service.d/10-ovl-cluster.conf", effective.sourceFile());
        assertTrue(effective.arguments().contains("--cluster-advertise=eth0:2376"));
    }

    @Test
    void withoutOvlsDropInTheAdminOverrideIsEffectiveWithQuotesAndContinuation() {
        SystemdUnit unit = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-assembled-dropins.txt"))
                .withoutDropIn("10-ovl-cluster.conf");
        ExecStart e = unit.effectiveExecStart();
        assertEquals("/etc/systemd/system/docker.service.d/override.conf", e.sourceFile());
        assertEquals(List.of("/usr/sbin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock",
                "--log-opt", "max-size=10m", "--label", "team=net ops", "$DOCKER_OPTS"), e.argv());
        // the text is kept as written (quotes and all), continuation joined by a space
        assertEquals("/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock "
                + "--log-opt \"max-size=10m\" --label 'team=net ops' $DOCKER_OPTS", e.commandLine());
    }

    @Test
    void packageUnitAlone() {
        String text = "# /lib/systemd/system/docker.service\n[Unit]\nDescription=Docker\n\n[Service]\nType=notify\n"
                + "ExecStart=" + DEBIAN_EXEC + "\nExecReload=/bin/kill -s HUP $MAINPID\n";
        ExecStart e = SystemdUnit.parseCat(text).effectiveExecStart();
        assertEquals(DEBIAN_EXEC, e.commandLine());
        assertEquals("", e.prefix());
        assertEquals(List.of("-H", "fd://", "--containerd=/run/containerd/containerd.sock", "$DOCKER_OPTS"),
                e.arguments());
    }

    @Test
    void aDropInThatForgetsTheResetLeavesTwoAndIsReported() {
        String text = "# /lib/systemd/system/docker.service\n[Service]\nExecStart=" + DEBIAN_EXEC + "\n\n"
                + "# /etc/systemd/system/docker.service.d/bad.conf\n[Service]\nExecStart=/usr/bin/dockerd\n";
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> SystemdUnit.parseCat(text).effectiveExecStart());
        assertTrue(e.getMessage().contains("bad.conf") && e.getMessage().contains("2 ExecStart"), e.getMessage());
    }

    @Test
    void prefixesAreKeptApartFromTheCommandAndOtherSectionsIgnored() {
        String text = "# /etc/systemd/system/docker.service\n[Unit]\nExecStart=/not/a/service/key\n"
                + "[Service]\nExecStart=-/usr/bin/dockerd --debug\n";
        ExecStart e = SystemdUnit.parseCat(text).effectiveExecStart();
        assertEquals("-", e.prefix());
        assertEquals(List.of("/usr/bin/dockerd", "--debug"), e.argv());
    }

    @Test
    void outputWithoutAHeaderIsRejected() {
        assertThrows(UnparseableOutputException.class, () -> SystemdUnit.parseCat("[Service]\nExecStart=/x\n"));
        assertThrows(UnparseableOutputException.class, () -> SystemdUnit.parseCat(""));
    }

    @Test
    void realDebian12And13Units() {
        SystemdUnit bookworm = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-debian12.txt"));
        assertEquals("/lib/systemd/system/docker.service", bookworm.unitFile());
        assertEquals(List.of(), bookworm.dropIns());
        assertEquals(DEBIAN_EXEC, bookworm.effectiveExecStart().commandLine());
        SystemdUnit trixie = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-debian13.txt"));
        assertEquals("/usr/lib/systemd/system/docker.service", trixie.unitFile());
        assertEquals(DEBIAN_EXEC, trixie.effectiveExecStart().commandLine());
    }

    @Test
    void realUnitWithOvlsDropIn() {
        SystemdUnit unit = SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-debian12-ovl-dropin.txt"));
        assertEquals(List.of("/etc/systemd/system/docker.service.d/10-ovl-cluster.conf"), unit.dropIns());
        assertEquals(List.of("-H", "fd://", "--containerd=/run/containerd/containerd.sock", "$DOCKER_OPTS",
                "--cluster-store=etcd://198.18.252.250:2379/network", "--cluster-advertise=eth0:2376"),
                unit.effectiveExecStart().arguments());
        assertEquals(DEBIAN_EXEC, unit.withoutDropIn("10-ovl-cluster.conf").effectiveExecStart().commandLine());
    }
}
