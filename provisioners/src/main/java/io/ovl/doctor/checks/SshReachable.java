package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
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
    public List<Finding> evaluate(DoctorContext context) {
        return context.hosts().stream().map(h -> h.connectError()
                .map(e -> Finding.fail(e, "check address, port, user, identity file and known_hosts in the"
                        + " topology's ssh: settings; try `ssh` by hand with the same settings"))
                .orElseGet(() -> Finding.pass("connected to " + h.host().address()
                        + h.host().ssh().user().map(u -> " as " + u).orElse("")))
                .on(h.name()))
                .toList();
    }
}
