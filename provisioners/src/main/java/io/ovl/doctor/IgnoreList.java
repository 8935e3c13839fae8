package io.ovl.doctor;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks whose failures become warnings (--ignore NAME,... or --ignore all). They still run and
 * are still printed, marked as ignored.
 */
public record IgnoreList(boolean all, Set<String> names) {
    public static final IgnoreList NONE = new IgnoreList(false, Set.of());

    public IgnoreList {
        names = Set.copyOf(names);
    }

    /**
     * @param values as given on the command line, each possibly comma-separated
     * @throws OvlException (usage) for a name that is no check, listing the valid names
     */
    public static IgnoreList parse(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        boolean all = false;
        for (String value : values) {
            for (String part : value.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (name.equals("all")) {
                    all = true;
                } else if (Checks.named(name).isEmpty()) {
                    throw new OvlException(ExitCode.USAGE, "--ignore: no check is named '" + name + "'; checks are: "
                            + String.join(", ", Checks.names()) + " (or 'all')");
                } else {
                    names.add(name);
                }
            }
        }
        return new IgnoreList(all, names);
    }

    public boolean ignores(String check) {
        return all || names.contains(check);
    }
}
