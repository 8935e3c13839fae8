package io.ovl.doctor;

import io.ovl.ssh.RemoteCommand;

/**
 * The commands doctor runs on every host to gather facts, all read-only except the VXLAN probe,
 * which creates a device and removes it again. Scripts are constants; no value is interpolated.
 *
 * <p>The Docker facts are docker CLI commands, not Docker API calls, on purpose: they travel in the
 * same one remote exec per host as every other fact (README, "Reaching hosts").
 */
public final class FactCommands {
    private FactCommands() {
    }

    public static final RemoteCommand ID = RemoteCommand.of("id", "-u");
    public static final RemoteCommand HOSTNAME = RemoteCommand.of("hostname");
    public static final RemoteCommand UNAME = RemoteCommand.of("uname", "-r");
    public static final RemoteCommand DOCKER_INFO = RemoteCommand.of("docker", "info", "--format", "{{json .}}");
    /** Inspect every network at once; "[]" when there are none (inspect without IDs is an error). */
    public static final RemoteCommand DOCKER_NETWORKS = RemoteCommand.script(
            "ids=$(docker network ls -q) || exit $?; if [ -z \"$ids\" ]; then echo '[]'; exit 0; fi;"
                    + " exec docker network inspect $ids");
    public static final RemoteCommand IP_ADDR = RemoteCommand.of("ip", "-j", "-d", "addr");
    public static final RemoteCommand IP_ROUTE = RemoteCommand.of("ip", "-j", "route");
    public static final RemoteCommand SS = RemoteCommand.of("ss", "-H", "-lntup");
    /** Exit 3 means "no daemon.json", which is fine and common. */
    public static final RemoteCommand DAEMON_JSON = RemoteCommand.script(
            "[ -e /etc/docker/daemon.json ] || exit 3; exec cat /etc/docker/daemon.json");
    public static final int NO_DAEMON_JSON = 3;
    /** A swarm manager's view of every node; fails (exit 1) on a worker or outside a swarm, which is a fact too. */
    public static final RemoteCommand SWARM_NODES = RemoteCommand.of("docker", "node", "ls", "--format", "{{json .}}");
    public static final RemoteCommand DOCKER_UNIT = RemoteCommand.of("systemctl", "cat", "docker.service");
    public static final RemoteCommand DATE = RemoteCommand.of("date", "+%s.%N");
    /**
     * On a host without systemd whose dockerd Debian's /etc/init.d/docker runs: dockerd's argv,
     * one per line (NUL-separated in /proc). Exits 4 where systemd is PID 1 (sd_booted(3) tests
     * /run/systemd/system), 5 without the init script, 6 when no dockerd runs. The oldest dockerd
     * is the host's own (one running in a container would be younger).
     */
    public static final RemoteCommand INIT_SCRIPT_DOCKERD_ARGS = RemoteCommand.script(
            "[ -d /run/systemd/system ] && exit 4; [ -x /etc/init.d/docker ] || exit 5;"
                    + " pid=$(pgrep -o -x dockerd) || exit 6; exec tr '\\0' '\\n' < \"/proc/$pid/cmdline\"");
    /** Where Debian's init script sends dockerd's output (DOCKER_LOGFILE in /etc/init.d/docker). */
    public static final String INIT_SCRIPT_LOG = "/var/log/docker.log";
    /**
     * The init script's counterpart of {@link #DOCKER_LOG}: the lines of /var/log/docker.log since
     * dockerd's last "Starting up" (its first line on every start). Exits 3 without that log.
     */
    public static final RemoteCommand INIT_SCRIPT_DOCKER_LOG = RemoteCommand.script("[ -r " + INIT_SCRIPT_LOG
            + " ] || exit 3; exec awk '/msg=\"Starting up\"/ { run = \"\" } { run = run $0 \"\\n\" }"
            + " END { printf \"%s\", run }' " + INIT_SCRIPT_LOG);
    /**
     * Proves the kernel can make VXLAN devices by making one (down, never used) and deleting it;
     * a leftover from an interrupted run is removed first.
     */
    public static final RemoteCommand VXLAN = RemoteCommand.script(
            "ip link del ovl-doctor-vx >/dev/null 2>&1; ip link add ovl-doctor-vx type vxlan id 4242 dstport 4789"
                    + " || exit $?; exec ip link del ovl-doctor-vx");
    /**
     * dockerd's journal of its current run, selected by the unit's systemd invocation ID: older
     * runs describe problems already restarted away, and a "since it became active" window misses
     * what dockerd logs while starting (discovery errors came about half a second before systemd's
     * "Started" on the lab). Exits 3 where docker.service has no invocation (not run by systemd).
     */
    public static final RemoteCommand DOCKER_LOG = RemoteCommand.script(
            "id=$(systemctl show -p InvocationID --value docker.service) && [ -n \"$id\" ] || exit 3;"
                    + " exec journalctl --no-pager -o cat \"_SYSTEMD_INVOCATION_ID=$id\"");
}
