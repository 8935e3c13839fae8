package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@link Lab#shared()} as other integration tests use it: one lab per JVM, the same object on
 * every call, with working paths and a working way into each host.
 */
class SharedLabIT {

    @Test
    void everyCallReturnsTheSameRunningLab() throws Exception {
        Lab first = Lab.shared();
        assertSame(first, Lab.shared());
        assertEquals(3, first.fullHosts().size());
        assertTrue(Files.isReadable(first.keyPath()));
        assertTrue(Files.readString(first.knownHostsPath()).contains(first.fullHosts().get(0).address() + ","),
                "known_hosts lists the first host");
    }

    @Test
    void inHostRunsInsideTheRightHost() {
        Lab lab = Lab.shared();
        for (LabHost host : lab.fullHosts()) {
            CommandResult hostname = lab.inHost(host, "cat", "/etc/hostname");
            assertEquals(0, hostname.exitCode(), hostname.describe());
            assertEquals(host.name(), hostname.stdout().strip());
        }
    }
}
