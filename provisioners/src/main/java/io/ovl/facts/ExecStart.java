package io.ovl.facts;

import java.util.List;

/**
 * One ExecStart= of a unit: where it was set, systemd's special prefixes, and the command.
 *
 * @param sourceFile  the unit file or drop-in that set it
 * @param prefix      systemd's executable prefixes as written ("-", "@", "+", "!", "!!", ":"),
 *                    usually ""
 * @param commandLine the command exactly as written after the prefixes, continuation lines joined
 *                    with a space. Re-rendering uses this text, not {@code argv}, so environment
 *                    references such as $DOCKER_OPTS keep their meaning.
 * @param argv        the command split by systemd's rules ({@link SystemdWords})
 */
public record ExecStart(String sourceFile, String prefix, String commandLine, List<String> argv) {

    public ExecStart {
        argv = List.copyOf(argv);
    }

    /** The arguments after the program. */
    public List<String> arguments() {
        return argv.subList(1, argv.size());
    }
}
