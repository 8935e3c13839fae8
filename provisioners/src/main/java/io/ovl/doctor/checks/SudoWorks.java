package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.topology.Become;

/**
 * Commands run as root: either the SSH user is root, or {@code become: sudo} and {@code sudo -n}
 * works without a password. Docker, ip and systemctl all need it.
 */
public final class SudoWorks extends HostLocalCheck {
    @Override
    public String name() {
        return "sudo.works";
    }

    @Override
    public String description() {
        return "commands run as root (directly, or through sudo -n where become: sudo)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        boolean sudo = host.host().ssh().become() == Become.SUDO;
        // Unset in the file, the user comes from ~/.ssh/config or ssh's default.
        String user = host.host().ssh().user().orElse("the SSH user");
        if (host.facts().uid().value().isEmpty()) {
            return Finding.fail(host.facts().uid().why(), sudo
                    ? "allow passwordless sudo for " + user + " (a NOPASSWD rule in /etc/sudoers.d) or connect as root"
                    : "make `id -u` work for " + user);
        }
        int uid = host.facts().uid().value().get();
        if (uid == 0) {
            return Finding.pass(sudo ? "sudo -n works for " + user : "logged in as root");
        }
        return Finding.fail("commands run as uid " + uid + " (" + user + "), not root",
                "set `become: sudo` for this host (with passwordless sudo) or connect as root");
    }
}
