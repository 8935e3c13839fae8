package io.ovl.cli;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.CheckSection;
import io.ovl.doctor.DoctorReport;
import java.io.PrintWriter;

/**
 * The human view of a doctor report: grouped by check, one line per host
 * ({@code  FAIL  host  message}), the fix hint indented under a warning or failure, and a summary
 * line at the end.
 */
final class DoctorHumanView {
    private final Style style;

    DoctorHumanView(Style style) {
        this.style = style;
    }

    void render(DoctorReport report, PrintWriter out) {
        int width = report.hosts().stream().mapToInt(String::length).max().orElse(4);
        for (CheckSection section : report.sections()) {
            if (section.results().isEmpty()) {
                continue;
            }
            out.println(section.name() + "  " + section.description());
            for (Finding r : section.results()) {
                out.println("  " + badge(r.severity()) + "  " + pad(r.host(), width) + "  " + r.message()
                        + (r.ignored() ? " (failure ignored by --ignore)" : ""));
                if (r.severity().isProblem()) {
                    r.fix().ifPresent(h -> out.println("        " + pad("", width) + "  " + "fix: " + h));
                }
            }
        }
        out.println();
        out.println(summary(report));
    }

    String summary(DoctorReport report) {
        long fail = report.count(Severity.ERROR);
        long warn = report.count(Severity.WARNING);
        long ignored = report.ignoredCount();
        String counts = report.count(Severity.PASS) + " passed, " + warn + " warning" + (warn == 1 ? "" : "s")
                + (ignored > 0 ? " (" + ignored + " ignored)" : "") + ", " + fail + " failed, "
                + report.count(Severity.SKIP) + " skipped on " + report.hosts().size() + " host"
                + (report.hosts().size() == 1 ? "" : "s");
        return fail == 0 ? style.ok("doctor: OK: " + counts) : style.error("doctor: FAILED: " + counts);
    }

    private String badge(Severity s) {
        return switch (s) {
            case PASS -> style.ok("PASS");
            case WARNING -> style.warning("WARN");
            case ERROR -> style.error("FAIL");
            case SKIP -> "SKIP";
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
