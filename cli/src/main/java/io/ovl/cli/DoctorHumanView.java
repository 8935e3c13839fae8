package io.ovl.cli;

import io.ovl.doctor.CheckResult;
import io.ovl.doctor.CheckSection;
import io.ovl.doctor.DoctorReport;
import io.ovl.doctor.Status;
import java.io.PrintWriter;

/**
 * The human view of a doctor report: grouped by check, one line per host
 * ({@code  FAIL  host  message}), the fix hint indented under a warning or failure, and a summary
 * line at the end.
 */
final class DoctorHumanView {
    private final Colour colour;

    DoctorHumanView(Colour colour) {
        this.colour = colour;
    }

    void render(DoctorReport report, PrintWriter out) {
        int width = report.hosts().stream().mapToInt(String::length).max().orElse(4);
        for (CheckSection section : report.sections()) {
            if (section.results().isEmpty()) {
                continue;
            }
            out.println(colour.bold(section.name()) + colour.dim("  " + section.description()));
            for (CheckResult r : section.results()) {
                out.println("  " + badge(r.status()) + "  " + pad(r.host(), width) + "  " + r.message()
                        + (r.ignored() ? colour.dim(" (failure ignored by --ignore)") : ""));
                if (r.status() == Status.WARN || r.status() == Status.FAIL) {
                    r.hint().ifPresent(h -> out.println("        " + pad("", width) + "  " + colour.dim("fix: " + h)));
                }
            }
        }
        out.println();
        out.println(summary(report));
    }

    String summary(DoctorReport report) {
        long fail = report.count(Status.FAIL);
        long warn = report.count(Status.WARN);
        long ignored = report.ignoredCount();
        String counts = report.count(Status.PASS) + " passed, " + warn + " warning" + (warn == 1 ? "" : "s")
                + (ignored > 0 ? " (" + ignored + " ignored)" : "") + ", " + fail + " failed, "
                + report.count(Status.SKIP) + " skipped on " + report.hosts().size() + " host"
                + (report.hosts().size() == 1 ? "" : "s");
        return fail == 0 ? colour.green("doctor: OK: " + counts) : colour.red("doctor: FAILED: " + counts);
    }

    private String badge(Status s) {
        return switch (s) {
            case PASS -> colour.green("PASS");
            case WARN -> colour.yellow("WARN");
            case FAIL -> colour.red("FAIL");
            case SKIP -> colour.dim("SKIP");
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
