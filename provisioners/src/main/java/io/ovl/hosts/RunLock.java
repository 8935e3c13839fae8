package io.ovl.hosts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps two ovl runs from changing one cluster at once: a directory made with {@code mkdir} (atomic)
 * at {@link #PATH} on {@link #hostOf the first overlay host}, holding a random token, the time it was
 * taken (the host's clock) and its owner. It lives under /run, so a host reboot clears a lock left by
 * a run that died.
 *
 * <p><b>Where.</b> One place for every mode and every command: the topology's first overlay host.
 * Every command that changes hosts already has a session there (swarm runs and the net commands work
 * on overlay hosts only; kv init, reset and migrate open every host), so the lock costs no extra
 * connection, and no run is refused only because a store-only host ({@code overlay: false}) it does
 * not otherwise need is down. (Before, kv mode locked the topology's first host and swarm mode the
 * first overlay host, so the two did not see each other when the first host was store-only. An older
 * ovl running at the same time as this one may still lock the topology's first host.)
 *
 * <p><b>Release.</b> Only a lock that still holds this run's token is removed: the check and the
 * removal run in one remote script, so a lock that another run took over meanwhile (after someone
 * removed ours by hand) stays in place. Between the script's read of the token and its {@code rm}
 * another run could only take over a lock that was removed by hand in that instant: atomic enough.
 *
 * <p><b>Held.</b> The refusal names the owner, when it was taken and how long ago (both from the
 * host's clock, so a skewed laptop clock does not matter); past {@link #LIKELY_STALE} it calls the
 * lock likely stale and gives the command that removes it.
 */
public final class RunLock implements AutoCloseable {
    public static final String PATH = "/run/ovl.lock";
    /**
     * Older than this, a lock is called likely stale: init on a large cluster with --rolling takes
     * minutes per host, not an hour; a run that died (kill -9, lost laptop) leaves its lock behind.
     */
    public static final Duration LIKELY_STALE = Duration.ofHours(1);
    /** The acquire script's own status for "someone else holds it". */
    private static final int HELD = 75;
    /** The release script's own statuses: the lock there is another run's; there is no lock. */
    private static final int NOT_OURS = 76;
    private static final int GONE = 77;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String ACQUIRE = "if mkdir -m 0700 -- \"$1\" 2>/dev/null; then"
            + " if printf '%s\\n' \"$3\" > \"$1/token\" && date +%s > \"$1/since\" && printf '%s\\n' \"$2\" > \"$1/owner\";"
            + " then exit 0; fi; rm -rf -- \"$1\"; echo \"cannot write $1\" >&2; exit 1; fi;"
            + " if [ -d \"$1\" ]; then printf 'now=%s\\n' \"$(date +%s)\";"
            + " printf 'since=%s\\n' \"$(cat -- \"$1/since\" 2>/dev/null || stat -c %Y -- \"$1\")\";"
            + " printf 'owner=%s\\n' \"$(cat -- \"$1/owner\" 2>/dev/null)\"; exit " + HELD + "; fi;"
            + " echo \"cannot create $1\" >&2; exit 1";
    private static final String RELEASE = "if [ \"$(cat -- \"$1/token\" 2>/dev/null)\" = \"$2\" ]; then"
            + " rm -rf -- \"$1\"; exit $?; fi; if [ -d \"$1\" ]; then cat -- \"$1/owner\" 2>/dev/null; exit "
            + NOT_OURS + "; fi; exit " + GONE;

    /** What {@link #release} found. */
    public enum Release {
        /** The lock was this run's and is gone. */
        RELEASED,
        /** Another run holds the lock now (ours was removed by hand and taken): left in place. */
        TAKEN_OVER,
        /** There was no lock (removed by hand, or the host rebooted). */
        GONE,
        /** The host could not be asked (connection lost): the next run names the lock and its age. */
        FAILED
    }

    private final RemoteShell shell;
    private final String token;
    private volatile boolean released;

    private RunLock(RemoteShell shell, String token) {
        this.shell = shell;
        this.token = token;
    }

    /** The host that holds the run lock of {@code topology}: its first overlay host (see the class comment). */
    public static Host hostOf(Topology topology) {
        return topology.overlayHosts().stream().findFirst().orElseThrow(() -> new OvlException(ExitCode.USAGE,
                "the topology has no overlay host to hold the run lock"));
    }

    /**
     * @param owner who is running, e.g. "ovl init by alice@laptop pid 4242"
     * @throws OvlException (CHECKS_FAILED: refused, nothing changed) naming the holder, since when and how long ago,
     *                      when another run holds it
     */
    public static RunLock acquire(RemoteShell shell, String host, String owner) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return acquire(shell, host, owner, HexFormat.of().formatHex(bytes));
    }

    /** {@link #acquire(RemoteShell, String, String)} with a given token, for tests. */
    static RunLock acquire(RemoteShell shell, String host, String owner, String token) {
        CommandResult r = shell.run(acquireCommand(owner, token));
        if (r.exitCode() == HELD) {
            throw new OvlException(ExitCode.CHECKS_FAILED, heldMessage(host, r.stdoutText()));
        }
        r.requireSuccess("take the lock " + PATH);
        return new RunLock(shell, token);
    }

    static RemoteCommand acquireCommand(String owner, String token) {
        return RemoteCommand.script(ACQUIRE, PATH, owner, token);
    }

    static RemoteCommand releaseCommand(String token) {
        return RemoteCommand.script(RELEASE, PATH, token);
    }

    /**
     * "host h1: lock: held by OWNER since 2026-12-06T01:02:03Z (12 min ago); ..." from the acquire
     * script's {@code now=}, {@code since=} (epoch seconds, the host's clock) and {@code owner=} lines.
     */
    static String heldMessage(String host, String scriptOutput) {
        Map<String, String> v = new LinkedHashMap<>();
        scriptOutput.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                v.putIfAbsent(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        });
        String owner = v.getOrDefault("owner", "");
        StringBuilder m = new StringBuilder("host " + host + ": lock: " + PATH + " is held by "
                + (owner.isEmpty() ? "an ovl run that has not written its name (yet)" : owner));
        Optional<Long> now = seconds(v.get("now"));
        Optional<Long> since = seconds(v.get("since"));
        Optional<Duration> age = Optional.empty();
        if (since.isPresent()) {
            m.append(" since ").append(Instant.ofEpochSecond(since.get()));
            if (now.isPresent()) {
                age = Optional.of(Duration.ofSeconds(Math.max(0, now.get() - since.get())));
                m.append(" (").append(ago(age.get())).append(')');
            }
        }
        if (age.isPresent() && age.get().compareTo(LIKELY_STALE) >= 0) {
            m.append("; older than ").append(LIKELY_STALE.toHours()).append(" h, so likely stale: if that run is no"
                    + " longer going, remove the lock with `rm -r ").append(PATH).append("` (as root) on ").append(host);
        } else {
            m.append("; wait for it to finish, or if it died, remove the lock with `rm -r ").append(PATH)
                    .append("` (as root) on ").append(host);
        }
        return m.toString();
    }

    /** "42 s ago", "12 min ago", "3 h 5 min ago", "4 days ago". */
    static String ago(Duration age) {
        long s = age.toSeconds();
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min ago";
        }
        return s / 86400 + " days ago";
    }

    private static Optional<Long> seconds(String s) {
        if (s == null || !s.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }

    /** Removes the lock if it is still this run's; at most once (later calls answer GONE). */
    public Release release() {
        synchronized (this) {
            if (released) {
                return Release.GONE;
            }
            released = true;
        }
        try {
            CommandResult r = shell.run(releaseCommand(token));
            return switch (r.exitCode()) {
                case 0 -> Release.RELEASED;
                case NOT_OURS -> Release.TAKEN_OVER;
                case GONE -> Release.GONE;
                default -> Release.FAILED;
            };
        } catch (OvlException e) {
            return Release.FAILED;
        }
    }

    @Override
    public void close() {
        release(); // a lock we cannot remove (connection gone) is named by the next run, with its age
    }
}
