package io.ovl.kvmode;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.FactCommands;
import io.ovl.facts.DockerdCommandLine;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host whose dockerd is started by {@code /etc/init.d/docker}, not by systemd: what init and
 * reset need to know to change its /etc/docker/daemon.json safely.
 *
 * @param dockerdArgs      the running dockerd's arguments (without the program), as the kernel has
 *                         them: a flag here and the same key in daemon.json make dockerd refuse to
 *                         start, and DOCKER_OPTS of /etc/default/docker end up here, already expanded
 * @param daemonJsonBackup the copy ovl kept when it last replaced daemon.json, if any; reset puts it
 *                         back when it is what the file is without ovl's keys
 */
public record InitScriptDocker(List<String> dockerdArgs, Optional<String> daemonJsonBackup) {

    /** dockerd's argv, or exit codes telling why not: see {@link FactCommands#INIT_SCRIPT_DOCKERD_ARGS}. */
    static final RemoteCommand READ = FactCommands.INIT_SCRIPT_DOCKERD_ARGS;

    public InitScriptDocker {
        dockerdArgs = List.copyOf(dockerdArgs);
        Objects.requireNonNull(daemonJsonBackup, "daemonJsonBackup");
    }

    /**
     * The running dockerd's arguments from the output of {@link #READ}.
     *
     * @throws OvlException naming the host and what was found instead, for the exit codes of READ
     */
    static List<String> parseArgs(String host, CommandResult r) {
        String why = switch (r.exitCode()) {
            case 0 -> "";
            case 4 -> "systemd runs this host (/run/systemd/system exists), but docker.service could not be read";
            case 5 -> "neither systemd nor /etc/init.d/docker: ovl restarts dockerd only through systemd or Debian's"
                    + " init script";
            case 6 -> "no dockerd process runs: start Docker (/etc/init.d/docker start) and run again";
            default -> "reading dockerd's command line failed (exit " + r.exitCode() + "): " + r.stderrText().strip();
        };
        if (!why.isEmpty()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + why);
        }
        try {
            return DockerdCommandLine.parseArgs(r.stdoutText());
        } catch (UnparseableOutputException e) {
            throw new UnparseableOutputException("host " + host + ": " + e.getMessage(), e);
        }
    }
}
