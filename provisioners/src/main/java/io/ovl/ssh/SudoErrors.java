package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

/**
 * Recognises sudo's own failures (as opposed to the command's) after {@code sudo -n --}:
 * sudo then exits 1 and writes a line starting with "sudo:". With -n it never prompts.
 */
final class SudoErrors {
    private SudoErrors() {
    }

    static void check(SshEndpoint ep, CommandResult result) {
        String err = result.stderrText();
        if (result.exitCode() == 1 && err.startsWith("sudo:") && err.contains("password")) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": sudo needs a password for user "
                    + ep.user() + "; allow passwordless sudo (NOPASSWD) for it or connect as root");
        }
        if (result.exitCode() == 127 && (err.contains("sudo: not found") || err.contains("sudo: command not found"))) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": become: sudo is set but sudo is not"
                    + " installed on the host; install it or connect as root");
        }
    }
}
