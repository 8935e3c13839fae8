package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.topology.Become;

/**
 * Commands run as root: either the SSH user is root, or {@code become: sudo} and sudo works
 * ({@code sudo -n} without a password, or given the password of {@code become-password-env}), or
 * {@code become: doas} and {@code doas -n} works. Docker, ip and systemctl all need it.
 */
public final class SudoWorks extends HostLocalCheck {
    @Override
    public String name() {
        return "sudo.works";
    }

    @Override
    public String description() {
        return "commands run as root (directly, or through sudo / doas where become says so)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        Become become = host.host().ssh().become();
        boolean sudo = become == Become.SUDO;
        boolean withPassword = sudo && host.host().ssh().becomePasswordEnv().isPresent();
        // Unset in the file, the user comes from ~/.ssh/config or ssh's default.
        String user = host.host().ssh().user().orElse("the SSH user");
        if (host.facts().uid().value().isEmpty()) {
            return Finding.fail(host.facts().uid().why(), switch (become) {
                case SUDO -> withPassword
                        ? "check the password in " + host.host().ssh().becomePasswordEnv().get() + " and that "
                                + user + " may run sudo, or connect as root"
                        : "allow passwordless sudo for " + user + " (a NOPASSWD rule in /etc/sudoers.d), name the"
                                + " variable that holds the password (ssh.become-password-env), or connect as root";
                case DOAS -> "add `permit nopass " + user + " as root` to /etc/doas.conf, or connect as root";
                case NONE -> "make `id -u` work for " + user;
            });
        }
        int uid = host.facts().uid().value().get();
        if (uid == 0) {
            return Finding.pass(switch (become) {
                // sudo may not have asked (NOPASSWD, a cached ticket): the variable is named, not claimed used.
                case SUDO -> withPassword ? "sudo works for " + user + " (become-password-env "
                        + host.host().ssh().becomePasswordEnv().get() + ")" : "sudo -n works for " + user;
                case DOAS -> "doas -n works for " + user;
                case NONE -> "logged in as root";
            });
        }
        return Finding.fail("commands run as uid " + uid + " (" + user + "), not root",
                "set `become: sudo` (or doas) for this host or connect as root");
    }
}
