package io.ovl.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * A service unit as {@code systemctl cat UNIT} prints it: the unit file, then each drop-in, each
 * introduced by a "# /path" line. Only what ovl needs is kept: the files and the ExecStart=
 * assignments of their [Service] sections, in the order systemd applies them.
 *
 * @param fragments the unit file first, then its drop-ins in systemd's order
 */
public record SystemdUnit(List<Fragment> fragments) {

    /** One file of the unit and the ExecStart= values it assigns ("" is a reset). */
    public record Fragment(String path, List<String> execStartValues) {
        public Fragment {
            execStartValues = List.copyOf(execStartValues);
        }
    }

    public SystemdUnit {
        fragments = List.copyOf(fragments);
    }

    /**
     * Parses the output of {@code systemctl cat docker}.
     *
     * @throws UnparseableOutputException when no "# /path" header comes first
     */
    public static SystemdUnit parseCat(String text) {
        String source = "output of `systemctl cat`";
        List<Fragment> fragments = new ArrayList<>();
        String path = null;
        List<String> values = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\n", -1);
        boolean previousBlank = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (previousBlank && line.startsWith("# /")) {
                if (path != null) {
                    fragments.add(new Fragment(path, values));
                }
                path = line.substring(2).strip();
                values = new ArrayList<>();
                section = "";
                previousBlank = false;
                continue;
            }
            previousBlank = line.isEmpty();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (path == null) {
                throw UnparseableOutputException.atLine(source, i + 1, line, "a '# /path/of/unit' header first");
            }
            // A trailing backslash continues the line; systemd joins the parts with a space.
            StringBuilder logical = new StringBuilder(line);
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                String head = logical.substring(0, logical.length() - 1).stripTrailing();
                logical.setLength(0);
                logical.append(head).append(' ').append(lines[++i].strip());
            }
            line = logical.toString();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("[Service]") && eq > 0 && line.substring(0, eq).strip().equals("ExecStart")) {
                values.add(line.substring(eq + 1).strip());
            }
        }
        if (path != null) {
            fragments.add(new Fragment(path, values));
        }
        if (fragments.isEmpty()) {
            throw new UnparseableOutputException(source + ": no unit file in the output (is the unit installed?)");
        }
        return new SystemdUnit(fragments);
    }

    /** The unit file itself (the first fragment). */
    public String unitFile() {
        return fragments.get(0).path();
    }

    /** The drop-in files, in the order systemd applies them. */
    public List<String> dropIns() {
        return fragments.subList(1, fragments.size()).stream().map(Fragment::path).toList();
    }

    /**
     * This unit as it would be without the drop-in named {@code fileName} (e.g. ovl's own
     * "10-ovl-cluster.conf"), so a re-run renders from the host's own ExecStart rather than
     * from what ovl wrote last time.
     */
    public SystemdUnit withoutDropIn(String fileName) {
        return new SystemdUnit(fragments.stream()
                .filter(f -> f == fragments.get(0) || !f.path().endsWith("/" + fileName))
                .toList());
    }

    /**
     * The ExecStart systemd runs: assignments append, an empty assignment clears the list, so it
     * is what remains after the last reset.
     *
     * @throws UnparseableOutputException when none or more than one remains (systemd itself
     *                                    refuses more than one for a non-oneshot service)
     */
    public ExecStart effectiveExecStart() {
        List<ExecStart> effective = new ArrayList<>();
        for (Fragment f : fragments) {
            for (String value : f.execStartValues()) {
                if (value.isEmpty()) {
                    effective.clear();
                } else {
                    effective.add(execStart(f.path(), value));
                }
            }
        }
        if (effective.size() != 1) {
            throw new UnparseableOutputException(unitFile() + " and its drop-ins " + dropIns() + " leave "
                    + effective.size() + " ExecStart= lines; expected exactly one (a drop-in that replaces"
                    + " ExecStart must first reset it with an empty 'ExecStart=')");
        }
        return effective.get(0);
    }

    private static ExecStart execStart(String file, String value) {
        int start = 0;
        while (start < value.length() && "-@+!:".indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        String command = value.substring(start).strip();
        List<String> argv;
        try {
            argv = SystemdWords.split(command);
        } catch (IllegalArgumentException e) {
            throw new UnparseableOutputException(file + ": ExecStart=" + value + " cannot be split: " + e.getMessage(), e);
        }
        if (argv.isEmpty()) {
            throw new UnparseableOutputException(file + ": ExecStart=" + value + " has no command");
        }
        return new ExecStart(file, value.substring(0, start), command, argv);
    }
}
