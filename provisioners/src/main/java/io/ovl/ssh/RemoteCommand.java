package io.ovl.ssh;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A remote command as an argument list, never as a shell string: the SSH protocol carries one
 * string that the remote login shell parses, so {@link #toShellString()} quotes every argument
 * for POSIX sh. No value (from the topology or the command line) can change the command's
 * meaning: it arrives as exactly one argument, byte for byte.
 *
 * <p>Optional standard input is part of the command, so uploads go through the same one-method
 * seam ({@link RemoteShell#run}) and a fake can check them.
 *
 * @param argv  program and arguments, at least the program
 * @param stdin bytes written to the command's standard input, then closed; empty for no input
 */
public record RemoteCommand(List<String> argv, Optional<byte[]> stdin) {

    /** Characters that never need quoting in sh; anything else is single-quoted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public RemoteCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a remote command needs at least a program");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                // A NUL cannot be passed in an argument at all; refuse instead of truncating.
                throw new IllegalArgumentException("argument contains a NUL byte: " + arg.replace('\0', '?'));
            }
        }
        stdin = stdin.map(byte[]::clone);
    }

    public static RemoteCommand of(String program, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = program;
        System.arraycopy(args, 0, all, 1, args.length);
        return new RemoteCommand(Arrays.asList(all), Optional.empty());
    }

    public static RemoteCommand of(List<String> argv) {
        return new RemoteCommand(argv, Optional.empty());
    }

    /**
     * A fixed sh script with values passed as positional parameters ({@code $1}, {@code $2}, ...),
     * for the rare step that needs a redirection or a pipe. The script must be a constant written in
     * ovl's code; values go in {@code args} only, where they stay data.
     */
    public static RemoteCommand script(String constantScript, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "sh";
        all[1] = "-c";
        all[2] = constantScript;
        all[3] = "sh";
        System.arraycopy(args, 0, all, 4, args.length);
        return new RemoteCommand(Arrays.asList(all), Optional.empty());
    }

    public RemoteCommand withStdin(byte[] input) {
        return new RemoteCommand(argv, Optional.of(input));
    }

    /** This command run through {@code sudo -n --} (never prompts; fails instead). */
    public RemoteCommand withSudo() {
        String[] all = new String[argv.size() + 3];
        all[0] = "sudo";
        all[1] = "-n";
        all[2] = "--";
        for (int i = 0; i < argv.size(); i++) {
            all[i + 3] = argv.get(i);
        }
        return new RemoteCommand(Arrays.asList(all), stdin);
    }

    /** The string sent in the SSH exec request: every argument quoted for POSIX sh. */
    public String toShellString() {
        return argv.stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
    }

    /**
     * Quotes one argument for POSIX sh: safe words as they are, anything else in single quotes,
     * where nothing is special except the quote itself, written as {@code '\''}.
     */
    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteCommand other && argv.equals(other.argv)
                && stdin.isPresent() == other.stdin.isPresent()
                && (stdin.isEmpty() || Arrays.equals(stdin.get(), other.stdin.get()));
    }

    @Override
    public int hashCode() {
        return argv.hashCode() * 31 + stdin.map(Arrays::hashCode).orElse(0);
    }

    /** For logs and errors: the shell string, and the size of the input (never its content). */
    @Override
    public String toString() {
        return toShellString() + stdin.map(b -> " <(" + b.length + " bytes)").orElse("");
    }
}
