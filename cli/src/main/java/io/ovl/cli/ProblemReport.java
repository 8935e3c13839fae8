package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.Finding;
import io.ovl.core.Location;
import io.ovl.topology.LoadResult;
import java.util.List;

/** Renders the outcome of loading a topology file, as lines for people or as JSON for scripts. */
final class ProblemReport {
    private final LoadResult result;

    ProblemReport(LoadResult result) {
        this.result = result;
    }

    String text(Style style) {
        StringBuilder sb = new StringBuilder();
        for (Finding p : result.problems()) {
            sb.append(p.isError() ? style.error(p.format()) : style.warning(p.format())).append('\n');
        }
        int errors = result.errors().size();
        int warnings = result.warnings().size();
        String counts = count(errors, "error") + ", " + count(warnings, "warning");
        if (errors == 0) {
            sb.append(style.ok(result.file() + ": valid" + (warnings > 0 ? " (" + count(warnings, "warning") + ")" : "")));
        } else {
            sb.append(style.error(result.file() + ": invalid: " + counts));
        }
        return sb.append('\n').toString();
    }

    ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("file", result.file());
        root.put("valid", result.valid());
        problemsJson(result.problems(), root.putArray("problems"));
        return root;
    }

    /** Each problem as {"severity", "line", "column", "path", "message", "hint"}, added to {@code into}. */
    static void problemsJson(List<Finding> problems, ArrayNode into) {
        for (Finding p : problems) {
            Location.InFile at = (Location.InFile) p.location();
            ObjectNode o = into.addObject();
            o.put("severity", p.severity().label());
            o.put("line", at.line());
            o.put("column", at.column());
            o.put("path", p.subject());
            o.put("message", p.message());
            o.put("hint", p.fix().orElse(null));
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
