package io.ovl.net;

import io.ovl.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe container and the test script run inside it. Busybox only: {@code httpd} serves
 * (concurrent connections, any answer proves TCP), {@code nc} asks, {@code nslookup} resolves
 * (busybox {@code wget} was seen crashing on name lookups in the lab; nc and nslookup behave). The
 * script is a constant; target names and addresses are its positional parameters.
 *
 * <p>Run with the docker CLI on the host ({@code docker run}, {@code docker exec ... sh -c}), not
 * the Docker API: the test is a script inside the container whose output is read as one
 * command's (README, "Reaching hosts").
 */
public final class ProbeScript {
    private ProbeScript() {
    }

    public static final int PORT = 7777;
    /** Label on every probe container: which network it probes, so leftovers can be found. */
    public static final String LABEL = "io.ovl.probe";

    /**
     * A DNS check gives up once this many seconds have passed (a new try starts only if it fits in
     * them). Docker's DNS learns a new container on another host by gossip, which took over 30 s on a
     * loaded slow-sudo lab host; a name it does not know yet is forwarded to the host's resolver, which
     * there never answers, so a try can last its whole {@link #DNS_TRY_SECONDS}.
     */
    public static final int DNS_BUDGET_SECONDS = 60;
    /** One nslookup is killed after this many seconds, where the image has busybox {@code timeout}. */
    public static final int DNS_TRY_SECONDS = 5;
    /** And at most this many tries: the bound that remains where the image has no {@code timeout}. */
    public static final int DNS_MAX_TRIES = 20;

    /**
     * Arguments: BUDGET TRY_SECONDS MAX_TRIES (the DNS bounds), then per target NAME ADDRESS ADDRESS6,
     * where "-" skips that family's checks (ADDRESS: icmp, tcp, dns; ADDRESS6: icmp6, tcp6). Prints
     * "NAME icmp|tcp|icmp6|tcp6 ok|fail [detail]" and "NAME dns ok|fail TRIES SECONDS [detail]"
     * lines. Targets are tested in parallel (a dead peer costs its timeouts once, not once per
     * peer); each line is one short write, so lines of different targets interleave but never mix.
     *
     * <p>DNS is retried: a peer's name reaches Docker's DNS a moment after its container starts, and
     * Docker 20.10's embedded DNS was seen failing one lookup in eight on a healthy kv overlay ("bad
     * address" after 16 s) while the next try answered at once. The tries and seconds are reported
     * so that a lookup that needed a retry shows as a warning, not as a pass or a failure.
     */
    static final String TEST_SCRIPT = String.join("\n",
            "budget=$1; per=$2; max=$3; shift 3",
            // busybox timeout bounds each try where the applet exists; else the count and the clock do.
            "T=; if command -v timeout >/dev/null 2>&1; then T=\"timeout $per\"; fi",
            "while [ $# -ge 3 ]; do",
            "  n=$1; a=$2; a6=$3; shift 3",
            "  (",
            "  if [ \"$a6\" != - ]; then",
            "    if ping -6 -c 2 -W 2 \"$a6\" >/dev/null 2>&1; then echo \"$n icmp6 ok\"; else echo \"$n icmp6 fail no reply from $a6\"; fi",
            "    if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 \"$a6\" " + PORT + " 2>/dev/null | grep -q '^HTTP/'; then",
            "      echo \"$n tcp6 ok\"; else echo \"$n tcp6 fail no answer from [$a6]:" + PORT + "\"; fi",
            "  fi",
            "  [ \"$a\" = - ] && exit 0",
            "  if ping -c 2 -W 2 \"$a\" >/dev/null 2>&1; then echo \"$n icmp ok\"; else echo \"$n icmp fail no reply from $a\"; fi",
            "  if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 \"$a\" " + PORT + " 2>/dev/null | grep -q '^HTTP/'; then",
            "    echo \"$n tcp ok\"; else echo \"$n tcp fail no answer from $a:" + PORT + "\"; fi",
            "  d=fail; t=0; s=$(date +%s)",
            "  while :; do",
            "    t=$((t+1))",
            "    r=$($T nslookup \"$n\" 2>/dev/null | awk '/^Address/ {print $2}' | grep -v ':53$' | tr '\\n' ' ')",
            "    e=$(($(date +%s)-s))",
            "    case \" $r\" in *\" $a \"*) d=ok; break;; esac",
            "    if [ $t -ge $max ] || [ $((e+1+per)) -gt $budget ]; then break; fi",
            "    sleep 1",
            "  done",
            "  if [ $d = ok ]; then echo \"$n dns ok $t $e\"; else echo \"$n dns fail $t $e resolved to ${r:-nothing}\"; fi",
            "  ) &",
            "done",
            "wait");

    /** The container name of the probe on {@code host}: a DNS name on the overlay. */
    static String containerName(String host) {
        return "ovl-probe-" + host;
    }

    static RemoteCommand remove(String container) {
        return RemoteCommand.of("docker", "rm", "--force", "--", container);
    }

    /** Removes what a failed join left on the network under the probe's name. */
    static RemoteCommand disconnect(String network, String container) {
        return RemoteCommand.of("docker", "network", "disconnect", "--force", "--", network, container);
    }

    static RemoteCommand start(String container, String network, String image) {
        return RemoteCommand.of("docker", "run", "--detach", "--name", container, "--network", network,
                "--label", LABEL + "=" + network, "--", image, "httpd", "-f", "-p", Integer.toString(PORT));
    }

    static RemoteCommand networks(String container) {
        return RemoteCommand.of("docker", "container", "inspect", "--format", "{{json .NetworkSettings.Networks}}",
                "--", container);
    }

    /**
     * Waits, inside {@code container}, until its own httpd answers on {@link #PORT} (up to about 10 s);
     * exit 0 once it does. Run before the probe's address is handed to any sender, so that no sender
     * tests a listener that is not up yet (ordered by the event, not by a shared clock).
     */
    static RemoteCommand listening(String container) {
        return RemoteCommand.of("docker", "exec", container, "sh", "-c", String.join("\n",
                "i=0; while [ $i -lt 20 ]; do",
                "  if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 1 127.0.0.1 " + PORT + " 2>/dev/null | grep -q '^HTTP/'; then exit 0; fi",
                "  i=$((i+1)); sleep 0.5",
                "done",
                "exit 1"));
    }

    /**
     * What to test of one target: its IPv4 address for icmp, tcp and dns, its IPv6 address for icmp6
     * and tcp6; an empty one skips that family's checks.
     */
    record Target(java.util.Optional<String> ipv4, java.util.Optional<String> ipv6) {
    }

    /** Tests every target (container name to its addresses) from inside {@code container}. */
    static RemoteCommand test(String container, Map<String, Target> targets) {
        List<String> argv = new ArrayList<>(List.of("docker", "exec", container, "sh", "-c", TEST_SCRIPT, "sh",
                Integer.toString(DNS_BUDGET_SECONDS), Integer.toString(DNS_TRY_SECONDS), Integer.toString(DNS_MAX_TRIES)));
        targets.forEach((name, target) -> {
            argv.add(name);
            argv.add(target.ipv4().orElse("-"));
            argv.add(target.ipv6().orElse("-"));
        });
        return RemoteCommand.of(argv);
    }

    /**
     * Reads the script's output into one outcome map per target container name. A target or check the
     * script did not report stays absent (the caller counts it as failed). A dns line carries the
     * tries and the seconds before its detail; a line without them (icmp, tcp) was one try.
     */
    static Map<String, Map<ProbeCheck, PairResult.Outcome>> parse(String output) {
        Map<String, Map<ProbeCheck, PairResult.Outcome>> out = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            String[] words = line.strip().split(" ", 4);
            if (words.length < 3) {
                continue;
            }
            var check = ProbeCheck.ofLabel(words[1]);
            if (check.isEmpty() || !(words[2].equals("ok") || words[2].equals("fail"))) {
                continue;
            }
            boolean ok = words[2].equals("ok");
            String rest = words.length > 3 ? words[3].strip() : "";
            int tries = 1;
            long seconds = 0;
            String[] timing = rest.split(" ", 3);
            if (timing.length >= 2 && isCount(timing[0]) && isCount(timing[1])) {
                tries = Math.max(1, Integer.parseInt(timing[0]));
                seconds = Long.parseLong(timing[1]);
                rest = timing.length > 2 ? timing[2].strip() : "";
            }
            String detail = ok ? "" : rest.isEmpty() ? "failed" : rest;
            out.computeIfAbsent(words[0], k -> new EnumMap<>(ProbeCheck.class))
                    .put(check.get(), new PairResult.Outcome(ok, detail, tries, seconds));
        }
        return out;
    }

    private static boolean isCount(String s) {
        return !s.isEmpty() && s.length() < 9 && s.chars().allMatch(Character::isDigit);
    }
}
