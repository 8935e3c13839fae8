package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.net.CreateCheck;
import io.ovl.net.CreateReport;
import io.ovl.net.PairResult;
import io.ovl.net.ProbeCheck;
import io.ovl.net.VerifyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Text and JSON of net create and net verify results (the engine returns data; rendering lives here). */
final class NetViews {
    private NetViews() {
    }

    static String createText(CreateReport r, Style style) {
        StringBuilder sb = new StringBuilder();
        if (r.check().blocked()) {
            sb.append("not created: the live checks refused ").append(r.spec().name()).append("; nothing was changed\n");
            for (CreateCheck.HostCheck h : r.check().hosts()) {
                if (h.ok()) {
                    sb.append("  ").append(h.host()).append(": ").append(style.ok("ok")).append('\n');
                }
                h.clashes().forEach(c -> sb.append("  ").append(h.host()).append(": ")
                        .append(style.error(CreateCheck.clashLine(r.spec(), c))).append('\n'));
                h.problems().forEach(p -> sb.append("  ").append(h.host()).append(": ").append(style.error(p)).append('\n'));
            }
            return sb.toString();
        }
        if (r.createdOn().isEmpty()) {
            sb.append("not created: ").append(r.error().orElse("unknown error")).append('\n');
            return sb.toString();
        }
        sb.append("created overlay network ").append(r.spec().name()).append(" on ").append(r.createdOn().get()).append('\n');
        if (r.interrupted() && r.seenOn().isEmpty()) {
            sb.append("  interrupted: not checked whether the other hosts list it; `ovl net inspect ")
                    .append(r.spec().name()).append("` shows where it is\n");
            return sb.toString();
        }
        sb.append("  seen on:    ").append(r.seenOn().isEmpty() ? "none" : String.join(", ", r.seenOn())).append('\n');
        if (!r.missingOn().isEmpty()) {
            sb.append("  ").append(style.error("missing on: " + String.join(", ", r.missingOn()))).append('\n');
        }
        return sb.toString();
    }

    /** The one-line error of a create that did not fully succeed. */
    static String createFailure(CreateReport r) {
        if (r.check().blocked()) {
            return "net create " + r.spec().name() + " refused, nothing was changed: " + r.check().summary(r.spec());
        }
        if (r.interrupted()) {
            return "net create " + r.spec().name() + " interrupted: " + r.createdOn().map(h -> "created on " + h
                    + ", not confirmed on the other hosts").orElse(r.error().orElse("not created"));
        }
        if (r.error().isPresent()) {
            return r.error().get();
        }
        return "network " + r.spec().name() + " created on " + r.createdOn().orElse("?") + ", but "
                + String.join(", ", r.missingOn()) + " do(es) not list it; check the store with `ovl doctor`";
    }

    // ---- verify ----

    /** The host-by-host matrix: rows are sources, columns targets; "ok" or the failed checks. */
    static String matrix(VerifyReport r) {
        List<String> hosts = r.hosts();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("from \\ to");
        header.addAll(hosts);
        rows.add(header);
        for (String from : hosts) {
            List<String> row = new ArrayList<>();
            row.add(from);
            for (String to : hosts) {
                row.add(from.equals(to) ? "-" : r.pair(from, to).map(NetViews::cell).orElse("?"));
            }
            rows.add(row);
        }
        int[] widths = new int[hosts.size() + 1];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i)));
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** "ok", "ok,dns-WARN" (passed after a retry) or the failed checks. */
    private static String cell(PairResult p) {
        if (p.ok()) {
            return "ok" + p.outcomes().entrySet().stream().filter(e -> e.getValue().passedAfterRetry())
                    .map(e -> "," + e.getKey().label() + "-WARN").collect(Collectors.joining());
        }
        return p.failed().stream().map(c -> c.label() + "-FAIL").collect(Collectors.joining(","));
    }

    /** Why a check failed, with its timing when it was retried: "resolved to nothing, after 9 tries, 29 s". */
    private static String why(PairResult.Outcome o) {
        return o.detail() + (o.tries() > 1 ? ", " + o.timing() : "");
    }

    /** "WARN h2 -> h4: dns ok after 3 tries, 17 s" lines of pairs that passed only after a retry. */
    static List<String> warningLines(VerifyReport r) {
        return r.warned().stream().map(p -> p.from() + " -> " + p.to() + ": " + String.join(", ", p.warnings())).toList();
    }

    static String verifyText(VerifyReport r, Style style) {
        StringBuilder sb = new StringBuilder();
        sb.append("verify ").append(r.network()).append(" (probe image ").append(r.image()).append("; checks: ")
                .append(r.checks().stream().map(c -> c == ProbeCheck.TCP || c == ProbeCheck.TCP6
                        ? c.label() + " " + io.ovl.net.ProbeScript.PORT : c.label()).collect(Collectors.joining(", ")))
                .append(")\n");
        r.hosts().forEach(h -> {
            VerifyReport.Probe p = r.probes().get(h);
            sb.append("  probe on ").append(h).append(": ").append(p.address().map(a -> p.container() + " " + a
                            + p.ipv6().map(v6 -> " " + v6).orElse(""))
                    .orElseGet(() -> style.error("not started: " + p.error().orElse("?")))).append('\n');
        });
        sb.append('\n').append(matrix(r)).append('\n');
        if (r.hosts().size() < 2) {
            sb.append(style.error("fewer than two overlay hosts: no pair to test")).append('\n');
        }
        if (r.failing().isEmpty() && r.passed()) {
            int warned = r.warned().size();
            sb.append(style.ok("all " + r.pairs().size() + " ordered pairs passed"
                    + (warned == 0 ? "" : " (" + warned + " with a warning)"))).append('\n');
        }
        for (PairResult p : r.failing()) {
            sb.append(style.error("FAIL " + p.from() + " -> " + p.to() + ": " + p.failed().stream()
                    .map(c -> c.label() + " (" + why(p.outcomes().get(c)) + ")").collect(Collectors.joining(", "))))
                    .append('\n');
        }
        r.diagnosis().ifPresent(d -> sb.append(style.error("likely cause: " + d)).append('\n'));
        r.ipv6Diagnosis().ifPresent(d -> sb.append(style.error("IPv6: " + d)).append('\n'));
        warningLines(r).forEach(w -> sb.append(style.warning("WARN " + w)).append('\n'));
        r.cleanup().forEach(c -> sb.append(style.warning("cleanup: " + c)).append('\n'));
        return sb.toString();
    }

    static ObjectNode verifyJson(VerifyReport r) {
        ObjectNode root = Json.object();
        root.put("network", r.network());
        root.put("image", r.image());
        root.put("passed", r.passed());
        ArrayNode checks = root.putArray("checks");
        r.checks().forEach(c -> checks.add(c.label()));
        r.hosts().forEach(root.putArray("hosts")::add);
        ObjectNode probes = root.putObject("probes");
        r.hosts().forEach(h -> {
            VerifyReport.Probe p = r.probes().get(h);
            ObjectNode o = probes.putObject(h);
            o.put("container", p.container());
            o.put("address", p.address().orElse(null));
            o.put("ipv6", p.ipv6().orElse(null));
            o.put("error", p.error().orElse(null));
        });
        ArrayNode pairs = root.putArray("pairs");
        for (PairResult p : r.pairs()) {
            ObjectNode o = pairs.addObject();
            o.put("from", p.from());
            o.put("to", p.to());
            o.put("ok", p.ok());
            for (var e : p.outcomes().entrySet()) {
                ProbeCheck c = e.getKey();
                PairResult.Outcome outcome = e.getValue();
                ObjectNode check = o.putObject(c.label());
                check.put("ok", outcome.ok());
                check.put("detail", outcome.detail());
                check.put("tries", outcome.tries());
                check.put("seconds", outcome.seconds());
                check.put("warning", outcome.passedAfterRetry() ? c.label() + " ok " + outcome.timing() : null);
            }
        }
        ArrayNode failing = root.putArray("failing");
        r.failing().forEach(p -> failing.add(p.from() + " -> " + p.to()));
        root.put("suspect", r.suspect().orElse(null));
        root.put("diagnosis", r.diagnosis().orElse(null));
        root.put("ipv6-diagnosis", r.ipv6Diagnosis().orElse(null));
        warningLines(r).forEach(root.putArray("warnings")::add);
        r.cleanup().forEach(root.putArray("cleanup-problems")::add);
        return root;
    }
}
