package io.ovl.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans dockerd's log ({@code journalctl -u docker} or dockerd's stderr) for the lines that explain
 * a broken multi-host overlay. Matching is on the fixed parts of dockerd's messages, which are the
 * same in the journal ("dockerd[123]: time=... level=error msg=...") and on stderr.
 */
public final class DockerdLog {

    private DockerdLog() {
    }

    /** The findings in log order, at most one per line. */
    public static List<DockerdLogFinding> scan(String log) {
        List<DockerdLogFinding> findings = new ArrayList<>();
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            String text = line;
            classify(line).ifPresent(kind -> findings.add(new DockerdLogFinding(kind, lineNumber, text)));
        }
        return List.copyOf(findings);
    }

    private static Optional<DockerdLogFinding.Kind> classify(String line) {
        if (line.contains("discovery error: 102: Not a file (/network/docker/nodes)")) {
            // etcd v2's answer when dockerd's discovery reads the nodes directory while another
            // dockerd registers into a fresh store (lab: DoctorLabIT, two dockerds joining one new
            // etcd); dockerd registers again at its next heartbeat and the overlay works. Not a
            // store dockerd cannot use.
            return Optional.empty();
        }
        if (line.contains("discovery error") || line.contains("Unexpected watch error")) {
            return Optional.of(DockerdLogFinding.Kind.DISCOVERY_ERROR);
        }
        if (line.contains("unknown flag: --")) {
            return Optional.of(DockerdLogFinding.Kind.UNKNOWN_FLAG);
        }
        if (line.contains("specified both as a flag and in the configuration file")
                || line.contains("don't match any configuration option")) {
            return Optional.of(DockerdLogFinding.Kind.CONFIG_REJECTED);
        }
        return Optional.empty();
    }
}
