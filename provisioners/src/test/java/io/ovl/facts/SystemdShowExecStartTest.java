package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdShowExecStartTest {

    @Test
    void loadedCommandOfTheLabHostMatchesTheUnitFile() {
        SystemdShowExecStart shown = SystemdShowExecStart.parse(Resources.text("systemctl-show-docker-execstart-debian12.txt"));
        assertEquals("/usr/sbin/dockerd", shown.path());
        assertEquals(List.of("/usr/sbin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock",
                "$DOCKER_OPTS"), shown.argv());
        assertEquals(SystemdUnit.parseCat(Resources.text("systemctl-cat-docker-debian12.txt")).effectiveExecStart().argv(),
                shown.argv());
    }

    @Test
    void emptyOrTwoEntriesAreRejected() {
        assertThrows(UnparseableOutputException.class, () -> SystemdShowExecStart.parse(""));
        String one = "{ path=/bin/a ; argv[]=/bin/a ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }";
        assertThrows(UnparseableOutputException.class, () -> SystemdShowExecStart.parse(one + " " + one));
    }
}
