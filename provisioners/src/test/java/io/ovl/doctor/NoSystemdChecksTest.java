package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.DockerdConfigConflict;
import io.ovl.doctor.checks.DockerdLogCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Doctor on a host without systemd (dockerd from /etc/init.d/docker, as `lab/up --engine
 * 20.10:sysv` boots it): FakeHost answers with captured outputs, `systemctl cat` fails as it does
 * there, and dockerd's command line is the one captured on such a lab host.
 */
class NoSystemdChecksTest {
    private static final String NO_SYSTEMD = "System has not been booted with systemd as init system (PID 1)."
            + " Can't operate.\nFailed to connect to bus: Host is down\n";
    private static final String ARGS = FakeHost.resource("/io/ovl/kvmode/dockerd-cmdline-init-script.txt");
    /** daemon.json as ovl's init leaves it there: its keys next to the operator's. */
    private static final String MERGED = "{\n  \"log-level\": \"warn\",\n  \"cluster-store\":"
            + " \"etcd://198.18.144.11:2379/network\",\n  \"cluster-advertise\": \"198.18.144.12:2376\"\n}\n";

    private static FakeHost noSystemd(String cmdline) {
        return FakeHost.of("h2-2010")
                .fail(FactCommands.DOCKER_UNIT, 1, NO_SYSTEMD)
                .fail(FactCommands.DOCKER_LOG, 3, "")
                .answer(FactCommands.INIT_SCRIPT_DOCKERD_ARGS, cmdline)
                .answer(FactCommands.INIT_SCRIPT_DOCKER_LOG, "time=\"2026-11-23T01:41:02Z\" level=info msg=\"Starting up\"\n")
                .answer(FactCommands.DAEMON_JSON, MERGED);
    }

    private static Finding on(io.ovl.doctor.Check check, HostFacts facts) {
        return verdict(check, context(Labs.kv(), Map.of("h2", facts)), "h2");
    }

    @Test
    void theFactsSayDockerdRunsFromTheInitScriptWithItsCommandLine() {
        HostFacts facts = noSystemd(ARGS).facts();
        assertTrue(facts.withoutSystemd());
        assertEquals(List.of("-p", "/var/run/docker.pid"), facts.initScriptDockerdArgs().value().orElseThrow());
    }

    @Test
    void ovlsOwnKeysInDaemonJsonAreNoConflictWhereNoDropInAddsFlags() {
        Finding v = on(new DockerdConfigConflict(), noSystemd(ARGS).facts());
        assertEquals(Severity.PASS, v.severity(), v.message());
        assertTrue(v.message().startsWith("not a systemd host"), v.message());
    }

    @Test
    void aKeyAlsoOnTheRunningDockerdsCommandLineFails() {
        Finding v = on(new DockerdConfigConflict(), noSystemd(ARGS + "--cluster-store=etcd://10.0.0.1:2379\n").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("\"cluster-store\"") && v.message().contains("--cluster-store"), v.message());
    }

    @Test
    void dockerdsLogComesFromTheInitScriptsLogFile() {
        assertEquals(Severity.PASS, on(new DockerdLogCheck(), noSystemd(ARGS).facts()).severity());
        Finding v = on(new DockerdLogCheck(), noSystemd(ARGS)
                .answer(FactCommands.INIT_SCRIPT_DOCKER_LOG, "time=\"2026-11-23T01:41:02Z\" level=info msg=\"Starting up\"\n"
                        + "time=\"2026-11-23T01:41:03Z\" level=error msg=\"discovery error: Unexpected watch error\"\n")
                .facts());
        assertEquals(Severity.ERROR, v.severity(), v.message());
    }
}
