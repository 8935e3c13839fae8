package io.ovl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.CheckSection;
import io.ovl.doctor.DoctorReport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ovl doctor --output json}: a stable shape for CI, documented in README.md (section "ovl doctor"). Keys are
 * only ever added, never renamed or removed; {@code schema} changes if that promise is broken.
 *
 * <pre>
 * {
 *   "schema": "ovl.doctor/v1",
 *   "topology": "topology.yaml",
 *   "ok": false,                        // true exactly when the exit code is 0
 *   "summary": {"pass": 40, "warn": 2, "fail": 1, "skip": 5, "ignored": 1},
 *   "hosts": ["h1", "h2"],
 *   "checks": [
 *     {"name": "kernel.version", "severity": "error", "description": "...",
 *      "results": [{"host": "h1", "status": "pass|warn|fail|skip", "message": "...",
 *                   "hint": "..." or null, "ignored": false}]}
 *   ]
 * }
 * </pre>
 */
final class DoctorJson {
    static final String SCHEMA = "ovl.doctor/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The statuses in the order of "summary", each a finding's severity as doctor names it. */
    private static final List<Severity> STATUSES = List.of(Severity.PASS, Severity.WARNING, Severity.ERROR, Severity.SKIP);

    private DoctorJson() {
    }

    /** "pass", "warn", "fail", "skip": doctor's word for a result's severity, in JSON and in init's preflight. */
    static String status(Severity s) {
        return switch (s) {
            case PASS -> "pass";
            case WARNING -> "warn";
            case ERROR -> "fail";
            case SKIP -> "skip";
        };
    }

    static String render(DoctorReport report) {
        try {
            return JSON.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, for the envelope of {@code --output json} ({@link JsonReply}). */
    static com.fasterxml.jackson.databind.node.ObjectNode tree(DoctorReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("topology", report.topologyFile());
        root.put("ok", report.passed());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Severity s : STATUSES) {
            summary.put(status(s), report.count(s));
        }
        summary.put("ignored", report.ignoredCount());
        root.put("summary", summary);
        root.put("hosts", report.hosts());
        List<Object> checks = new ArrayList<>();
        for (CheckSection section : report.sections()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", section.name());
            c.put("severity", section.severity().key());
            c.put("description", section.description());
            List<Object> results = new ArrayList<>();
            for (Finding r : section.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", r.host());
                m.put("status", status(r.severity()));
                m.put("message", r.message());
                m.put("hint", r.fix().orElse(null));
                m.put("ignored", r.ignored());
                results.add(m);
            }
            c.put("results", results);
            checks.add(c);
        }
        root.put("checks", checks);
        return JSON.valueToTree(root);
    }
}
