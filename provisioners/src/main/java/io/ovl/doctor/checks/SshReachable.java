package io.ovl.doctor.checks;

import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.HostVerdict;
import io.ovl.doctor.Verdict;
import java.util.List;

/** The host accepts our SSH connection: host key verified, user authenticated. */
public final class SshReachable implements Check {
    @Override
    public String name() {
        return "ssh.reachable";
    }

    @Override
    public String description() {
        return "SSH connects, the host key is known and the user authenticates";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    public List<HostVerdict> evaluate(DoctorContext context) {
        return context.hosts().stream().map(h -> new HostVerdict(h.name(), h.connectError()
                .map(e -> Verdict.fail(e, "check address, port, user, identity file and known_hosts in the"
                        + " topology's ssh: settings; try `ssh` by hand with the same settings"))
                .orElseGet(() -> Verdict.pass("connected to " + h.host().address()
                        + h.host().ssh().user().map(u -> " as " + u).orElse("")))))
                .toList();
    }
}
