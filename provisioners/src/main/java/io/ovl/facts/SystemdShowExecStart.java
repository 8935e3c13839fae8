package io.ovl.facts;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code systemctl show UNIT -p ExecStart --value}: what the running systemd has LOADED,
 * e.g. "{ path=/usr/sbin/dockerd ; argv[]=/usr/sbin/dockerd -H fd:// ... ; ignore_errors=no ; ... }".
 *
 * <p>systemd prints argv[] joined by single spaces without quoting, so an argument containing a
 * space cannot be told from two; use {@link SystemdUnit} (from {@code systemctl cat}) for the
 * arguments, and this to see whether the loaded command differs from the files (a daemon-reload
 * still pending) or which program actually runs.
 *
 * @param path the executable systemd starts
 * @param argv the loaded arguments, split on spaces (see above)
 */
public record SystemdShowExecStart(String path, List<String> argv) {
    private static final Pattern ENTRY = Pattern.compile("\\{ path=(\\S+) ; argv\\[]=(.*?) ; ignore_errors=");

    public SystemdShowExecStart {
        argv = List.copyOf(argv);
    }

    /** @throws UnparseableOutputException when there is not exactly one ExecStart entry */
    public static SystemdShowExecStart parse(String output) {
        Matcher m = ENTRY.matcher(output.strip());
        if (!m.find()) {
            throw new UnparseableOutputException("output of `systemctl show -p ExecStart --value`: expected"
                    + " '{ path=... ; argv[]=... ; ignore_errors=... }', got '" + output.strip() + "'");
        }
        SystemdShowExecStart first = new SystemdShowExecStart(m.group(1), List.of(m.group(2).split(" +")));
        if (m.find()) {
            throw new UnparseableOutputException("output of `systemctl show -p ExecStart --value`: more than one"
                    + " ExecStart is loaded");
        }
        return first;
    }
}
