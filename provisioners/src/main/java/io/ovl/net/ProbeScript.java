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
 */
public final class ProbeScript {
    private ProbeScript() {
    }

    public static final int PORT = 7777;
    /** Label on every probe container: which network it probes, so leftovers can be found. */
    public static final String LABEL = "io.ovl.probe";

    /**
     * Per target pair of arguments NAME ADDRESS, prints "NAME CHECK ok|fail [detail]" lines. Targets
     * are tested in parallel (a dead peer costs its timeouts once, not once per peer); each line is
     * one short write, so lines of different targets interleave but never mix.
     */
    static final String TEST_SCRIPT = String.join("\n",
            "while [ $# -ge 2 ]; do",
            "  n=$1; a=$2; shift 2",
            "  (",
            "  if ping -c 2 -W 2 \"$a\" >/dev/null 2>&1; then echo \"$n icmp ok\"; else echo \"$n icmp fail no reply from $a\"; fi",
            "  if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 \"$a\" " + PORT + " 2>/dev/null | grep -q '^HTTP/'; then",
            "    echo \"$n tcp ok\"; else echo \"$n tcp fail no answer from $a:" + PORT + "\"; fi",
            // Names of containers on other hosts reach Docker's DNS a moment after they start: ask up to 5 times.
            "  d=fail; for i in 1 2 3 4 5; do",
            "    r=$(nslookup \"$n\" 2>/dev/null | awk '/^Address/ {print $2}' | grep -v ':53$' | tr '\\n' ' ')",
            "    case \" $r\" in *\" $a \"*) d=ok; break;; esac; sleep 1",
            "  done",
            "  if [ $d = ok ]; then echo \"$n dns ok\"; else echo \"$n dns fail resolved to ${r:-nothing}\"; fi",
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

    static RemoteCommand start(String container, String network, String image) {
        return RemoteCommand.of("docker", "run", "--detach", "--name", container, "--network", network,
                "--label", LABEL + "=" + network, "--", image, "httpd", "-f", "-p", Integer.toString(PORT));
    }

    static RemoteCommand networks(String container) {
        return RemoteCommand.of("docker", "container", "inspect", "--format", "{{json .NetworkSettings.Networks}}",
                "--", container);
    }

    /** Tests every target (name to overlay address) from inside {@code container}. */
    static RemoteCommand test(String container, Map<String, String> targets) {
        List<String> argv = new ArrayList<>(List.of("docker", "exec", container, "sh", "-c", TEST_SCRIPT, "sh"));
        targets.forEach((name, address) -> {
            argv.add(name);
            argv.add(address);
        });
        return RemoteCommand.of(argv);
    }

    /**
     * Reads the script's output into one outcome map per target container name. A target or check the
     * script did not report stays absent (the caller counts it as failed).
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
            out.computeIfAbsent(words[0], k -> new EnumMap<>(ProbeCheck.class))
                    .put(check.get(), new PairResult.Outcome(ok, ok ? "" : words.length > 3 ? words[3].strip() : "failed"));
        }
        return out;
    }
}
