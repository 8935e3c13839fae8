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

    /**
     * Lines {@code name TAB id TAB address TAB engine TAB kind TAB ssh-port TAB messy|tidy}; '#'
     * starts a comment line. Lines of five fields (written before --ssh-port and --messy existed)
     * mean port 22, tidy.
     */
    static List<LabHost> parseHosts(String tsv) {
        List<LabHost> hosts = new ArrayList<>();
        int lineNumber = 0;
        for (String line : tsv.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (!(fields.length == 5 || fields.length == 7) || !(fields[4].equals("full") || fields[4].equals("light"))
                    || fields.length == 7 && !(fields[5].matches("[1-9][0-9]{0,4}")
                            && (fields[6].equals("messy") || fields[6].equals("tidy")))) {
                throw new IllegalArgumentException("hosts.tsv line " + lineNumber + ": expected name, id, address,"
                        + " engine, full|light, ssh port, messy|tidy separated by tabs, got '" + line + "'");
            }
            boolean full = fields[4].equals("full");
            String engine = full ? fields[3] : "";
            int port = fields.length == 7 ? Integer.parseInt(fields[5]) : 22;
            boolean messy = fields.length == 7 && fields[6].equals("messy");
            hosts.add(new LabHost(fields[0], fields[1], fields[2], engine, full, port, messy));
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
