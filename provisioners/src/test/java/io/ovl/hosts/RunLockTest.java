package io.ovl.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The run lock's logic over {@link FakeRemoteShell}, a FAKE for pure logic (which script is sent with
 * which values, how its answers are read): it does not run the scripts. That two runs exclude each
 * other and that a release leaves a lock taken over by another run in place is proven on real hosts
 * by {@code io.ovl.net.NetLabIT}.
 */
class RunLockTest {
    private static final String OWNER = "ovl init by alice@laptop pid 4242";
    private static final long SINCE = Instant.parse("2026-12-06T01:02:03Z").getEpochSecond();

    @Test
    void takesAFreeLockAndReleasesItOnlyOnce() {
        FakeRemoteShell shell = new FakeRemoteShell("h2")
                .on(RunLock.acquireCommand(OWNER, "t0k3n"), "")
                .on(RunLock.releaseCommand("t0k3n"), "");
        RunLock lock = RunLock.acquire(shell, "h2", OWNER, "t0k3n");
        assertEquals(RunLock.Release.RELEASED, lock.release());
        lock.close(); // the shutdown hook and the try block may both close it: the host is asked once
        assertEquals(List.of(RunLock.acquireCommand(OWNER, "t0k3n"), RunLock.releaseCommand("t0k3n")), shell.calls());
    }

    @Test
    void theScriptsCarryTheTokenAsAValueAndEveryRunDrawsItsOwn() {
        assertEquals(List.of("sh", "-c"), RunLock.releaseCommand("abc").argv().subList(0, 2));
        assertEquals("abc", last(RunLock.releaseCommand("abc").argv()));
        List<io.ovl.ssh.RemoteCommand> calls = new java.util.ArrayList<>();
        io.ovl.ssh.RemoteShell shell = command -> {
            calls.add(command);
            return new io.ovl.ssh.CommandResult("h2", command, 0, new byte[0], new byte[0]);
        };
        RunLock.acquire(shell, "h2", OWNER);
        RunLock.acquire(shell, "h2", OWNER);
        String first = last(calls.get(0).argv());
        String second = last(calls.get(1).argv());
        assertEquals(32, first.length(), first);
        assertNotEquals(first, second);
    }

    @Test
    void aLockAnotherRunTookOverIsLeftAndSaidSo() {
        FakeRemoteShell shell = new FakeRemoteShell("h2")
                .on(RunLock.acquireCommand(OWNER, "mine"), "")
                .on(RunLock.releaseCommand("mine"), 76, "ovl net create by bob@desk pid 7\n", "");
        assertEquals(RunLock.Release.TAKEN_OVER, RunLock.acquire(shell, "h2", OWNER, "mine").release());
    }

    @Test
    void aLockRemovedByHandIsGoneAndALostConnectionIsAFailureNotAnException() {
        FakeRemoteShell gone = new FakeRemoteShell("h2")
                .on(RunLock.acquireCommand(OWNER, "mine"), "")
                .on(RunLock.releaseCommand("mine"), 77, "", "");
        assertEquals(RunLock.Release.GONE, RunLock.acquire(gone, "h2", OWNER, "mine").release());
        RunLock lost = RunLock.acquire(command -> command.equals(RunLock.acquireCommand(OWNER, "mine"))
                ? new io.ovl.ssh.CommandResult("h2", command, 0, new byte[0], new byte[0])
                : thrown(), "h2", OWNER, "mine");
        assertEquals(RunLock.Release.FAILED, lost.release());
    }

    @Test
    void aHeldLockNamesItsOwnerWhenAndHowLongAgo() {
        FakeRemoteShell shell = new FakeRemoteShell("h2").on(RunLock.acquireCommand("ovl net create by bob", "t"), 75,
                "now=" + (SINCE + 12 * 60 + 5) + "\nsince=" + SINCE + "\nowner=" + OWNER + "\n", "");
        OvlException e = assertThrows(OvlException.class, () -> RunLock.acquire(shell, "h2", "ovl net create by bob", "t"));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertEquals("host h2: lock: /run/ovl.lock is held by ovl init by alice@laptop pid 4242 since"
                + " 2026-12-06T01:02:03Z (12 min ago); wait for it to finish, or if it died, remove the lock with"
                + " `rm -r /run/ovl.lock` (as root) on h2", e.getMessage());
    }

    @Test
    void aLockOlderThanAnHourIsCalledLikelyStaleWithTheCommandThatRemovesIt() {
        String m = RunLock.heldMessage("h2", "now=" + (SINCE + 3 * 3600 + 5 * 60) + "\nsince=" + SINCE
                + "\nowner=" + OWNER + "\n");
        assertEquals("host h2: lock: /run/ovl.lock is held by ovl init by alice@laptop pid 4242 since"
                + " 2026-12-06T01:02:03Z (3 h 5 min ago); older than 1 h, so likely stale: if that run is no longer"
                + " going, remove the lock with `rm -r /run/ovl.lock` (as root) on h2", m);
    }

    @Test
    void aLockStillBeingWrittenOrOfAnOlderOvlIsStillReported() {
        assertEquals("host h1: lock: /run/ovl.lock is held by an ovl run that has not written its name (yet);"
                + " wait for it to finish, or if it died, remove the lock with `rm -r /run/ovl.lock` (as root) on h1",
                RunLock.heldMessage("h1", "now=100\nsince=\nowner=\n"));
    }

    @Test
    void agesReadAsPeopleSayThem() {
        assertEquals("42 s ago", RunLock.ago(Duration.ofSeconds(42)));
        assertEquals("12 min ago", RunLock.ago(Duration.ofMinutes(12).plusSeconds(59)));
        assertEquals("1 h 0 min ago", RunLock.ago(Duration.ofHours(1)));
        assertEquals("4 days ago", RunLock.ago(Duration.ofDays(4).plusHours(3)));
    }

    @Test
    void theLockLivesOnTheFirstOverlayHostInEveryMode() {
        Host store = new Host("s1", "198.18.0.11", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
        List<Host> hosts = List.of(store, Host.of("h2", "198.18.0.12"), Host.of("h3", "198.18.0.13"));
        KvStore kv = new KvStore(KvBackend.ETCD, List.of("s1"), "local/etcd:3.4", 2379, Optional.empty());
        Topology kvMode = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(kv), Optional.empty(), hosts, List.of());
        Topology swarm = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), hosts, List.of());
        assertEquals("h2", RunLock.hostOf(kvMode).name());
        assertEquals("h2", RunLock.hostOf(swarm).name());
    }

    private static String last(List<String> argv) {
        return argv.get(argv.size() - 1);
    }

    private static io.ovl.ssh.CommandResult thrown() {
        throw new OvlException(ExitCode.HOST_FAILED, "host h2: connection lost");
    }
}
