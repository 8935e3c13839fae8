package io.ovl.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the machine-readable files {@code lab/up} writes into a lab's state directory:
 * {@code hosts.tsv} (one host per line) and {@code names.env} (the name prefixes of everything
 * the lab creates, used to check that {@code lab/down} left nothing behind).
 */
final class LabInventory {

    private LabInventory() {
    }

    /** Lines {@code name TAB id TAB address TAB engine TAB kind}; '#' starts a comment line. */
    static List<LabHost> parseHosts(String tsv) {
        List<LabHost> hosts = new ArrayList<>();
        int lineNumber = 0;
        for (String line : tsv.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 5 || !(fields[4].equals("full") || fields[4].equals("light"))) {
                throw new IllegalArgumentException("hosts.tsv line " + lineNumber
                        + ": expected name, id, address, engine, full|light separated by tabs, got '" + line + "'");
            }
            boolean full = fields[4].equals("full");
            String engine = full ? fields[3] : "";
            hosts.add(new LabHost(fields[0], fields[1], fields[2], engine, full));
        }
        return List.copyOf(hosts);
    }

    /** KEY=VALUE lines, as a shell would source them (no quoting is used by lab/up). */
    static Map<String, String> parseEnv(String env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : env.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 1) {
                continue;
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return Map.copyOf(values);
    }
}
