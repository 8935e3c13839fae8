package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

/**
 * Recognises the escalation's own failures (as opposed to the command's) after {@code sudo -n --}
 * or {@code doas -n --}: each then exits 1 and writes a line starting with "sudo:" or "doas:".
 * With -n neither ever prompts. (sudo given a password reports its failures in
 * {@link Escalation.Handshake}.)
 */
final class SudoErrors {
    private SudoErrors() {
    }

    static void check(SshEndpoint ep, CommandResult result) {
        check(ep, ep.become(), result);
    }

    static void check(SshEndpoint ep, SshTarget.Become become, CommandResult result) {
        String err = result.stderrText();
        if (become == SshTarget.Become.DOAS) {
            checkDoas(ep, result, err);
            return;
        }
        if (result.exitCode() == 1 && err.startsWith("sudo:") && err.contains("password")) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": sudo needs a password for user "
                    + ep.user() + "; allow passwordless sudo (NOPASSWD) for it, name an environment variable that"
                    + " holds the password (ssh.become-password-env), or connect as root");
        }
        if (result.exitCode() == 127 && (err.contains("sudo: not found") || err.contains("sudo: command not found"))) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": become: sudo is set but sudo is not"
                    + " installed on the host; install it or connect as root");
        }
    }

    private static void checkDoas(SshEndpoint ep, CommandResult result, String err) {
        if (result.exitCode() == 1 && err.startsWith("doas:")) {
            String said = err.strip().lines().findFirst().orElse("");
            if (said.contains("Authentication required") || said.contains("Authorization required")
                    || said.contains("a tty is required")) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": doas needs a password for user "
                        + ep.user() + "; add `permit nopass " + ep.user() + " as root` to /etc/doas.conf (doas reads a"
                        + " password from a terminal only, so ovl cannot give it one), or use become: sudo");
            }
            if (said.contains("not permitted")) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": doas does not permit user "
                        + ep.user() + " (" + said + "); add `permit nopass " + ep.user() + " as root` to /etc/doas.conf");
            }
        }
        if (result.exitCode() == 127 && (err.contains("doas: not found") || err.contains("doas: command not found"))) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": become: doas is set but doas is not"
                    + " installed on the host; install it (Debian: apt-get install doas) or connect as root");
        }
    }
}
