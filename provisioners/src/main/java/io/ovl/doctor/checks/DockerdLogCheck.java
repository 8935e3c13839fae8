package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.FactCommands;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.DockerdLog;
import io.ovl.facts.DockerdLogFinding;
import java.util.List;

/**
 * dockerd's log since its last start shows none of the lines that explain a broken overlay:
 * discovery errors (store unreachable when dockerd started), unknown flags, a rejected daemon.json.
 */
public final class DockerdLogCheck extends HostLocalCheck {
    @Override
    public String name() {
        return "dockerd.log";
    }

    @Override
    public String description() {
        return "dockerd's log since it started shows no discovery errors, unknown flags or rejected config";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (host.facts().dockerLog().value().isEmpty()) {
            return Finding.skip((host.facts().withoutSystemd() ? "not a systemd host, and dockerd's log "
                    + FactCommands.INIT_SCRIPT_LOG : "dockerd's journal") + " unreadable: " + host.facts().dockerLog().why());
        }
        List<DockerdLogFinding> findings = DockerdLog.scan(host.facts().dockerLog().value().get());
        if (findings.isEmpty()) {
            return Finding.pass("no overlay-related errors since dockerd started");
        }
        DockerdLogFinding last = findings.get(findings.size() - 1);
        return Finding.fail(findings.size() + " problem line(s), last: " + last.line(), last.kind().hint());
    }
}
