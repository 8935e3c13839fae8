package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Become;
import io.ovl.topology.Host;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code become-password-env} goes with {@code become: sudo} only. doas cannot be given a password
 * by ovl: OpenBSD's doas (and OpenDoas on Linux) read it from the terminal ({@code /dev/tty}),
 * never from standard input, so a doas host needs a {@code permit nopass} rule. A variable set
 * where no host uses sudo would silently do nothing, so it is refused too.
 */
public final class BecomePassword implements TopologyRule {
    private static final String DOAS_FIX = "use a `permit nopass USER as root` rule in /etc/doas.conf and remove"
            + " become-password-env, or use become: sudo (doas reads a password from a terminal only, ovl cannot give it one)";

    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        SshSettings defaults = t.ssh();
        boolean defaultsDoas = defaults.become() == Become.DOAS && defaults.becomePasswordEnv().isPresent();
        if (defaultsDoas) {
            out.add(Finding.error("ssh.become-password-env", "become: doas cannot take a password", DOAS_FIX));
        }
        if (defaults.becomePasswordEnv().isPresent() && !t.hosts().isEmpty()
                && t.hosts().stream().noneMatch(h -> h.ssh().become() == Become.SUDO)) {
            out.add(Finding.error("ssh.become-password-env", "no host has become: sudo, so the password variable"
                    + " would never be used", "set become: sudo (here or on the hosts that need it), or remove"
                    + " become-password-env"));
        }
        for (int i = 0; i < t.hosts().size(); i++) {
            Host h = t.hosts().get(i);
            SshSettings s = h.ssh();
            if (s.becomePasswordEnv().isEmpty()) {
                continue;
            }
            boolean ownVariable = !s.becomePasswordEnv().equals(defaults.becomePasswordEnv());
            String at = "hosts[" + i + "].ssh." + (ownVariable ? "become-password-env" : "become");
            if (s.become() == Become.DOAS && !(defaultsDoas && !ownVariable && defaults.become() == Become.DOAS)) {
                out.add(Finding.error(at, "host " + h.name() + ": become: doas cannot take a password"
                        + " (become-password-env " + s.becomePasswordEnv().get() + ")", DOAS_FIX));
            } else if (s.become() == Become.NONE && ownVariable) {
                out.add(Finding.error(at, "host " + h.name() + ": become-password-env is set but become is none",
                        "set become: sudo for this host, or remove become-password-env"));
            }
        }
        return out;
    }
}
