package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads and atomically replaces files on a host, only through {@link RemoteShell} (so the same
 * code runs over SSH, through sudo, and against a fake).
 *
 * <p>{@link #writeFileAtomically} never leaves a half-written file at {@code path}:
 * <ol>
 *   <li>read the current content and {@code stat} owner, group and mode; if all equal the wanted
 *       ones, do nothing ({@link WriteOutcome#UNCHANGED});</li>
 *   <li>upload with {@code cat > TMP} on stdin, where TMP = {@code DIR/.NAME.ovl-tmp.RANDOM} in the
 *       same directory (so the final rename is atomic on the same file system), umask 077;</li>
 *   <li>{@code chown OWNER:GROUP TMP}, {@code chmod MODE TMP};</li>
 *   <li>if the file existed: keep it as {@code PATH.ovl-backup} ({@code cp -p}, one generation,
 *       overwritten by the next change);</li>
 *   <li>{@code mv -f TMP PATH}: rename(2), atomic.</li>
 * </ol>
 * On failure the temporary file is removed and the error names the host, the step and the path.
 */
public final class RemoteFiles {

    /** Suffix of the copy of the previous version kept next to a replaced file. */
    public static final String BACKUP_SUFFIX = ".ovl-backup";

    /** What {@link #writeFileAtomically} did. */
    public enum WriteOutcome { CREATED, REPLACED, UNCHANGED }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\$?|[0-9]+");
    /** Exit status the read script uses for "no such file", distinct from cat's 1. */
    private static final int MISSING = 100;

    private final RemoteShell shell;
    private final String host;
    private final Supplier<String> tmpSuffix;

    public RemoteFiles(RemoteShell shell, String host) {
        this(shell, host, randomSuffix());
    }

    /** With a chosen temporary-name suffix, so a fake keyed on exact commands can be scripted. */
    RemoteFiles(RemoteShell shell, String host, Supplier<String> tmpSuffix) {
        this.shell = shell;
        this.host = host;
        this.tmpSuffix = tmpSuffix;
    }

    /** The file's bytes, or empty when it does not exist. */
    public Optional<byte[]> readFile(String path) {
        requireAbsolute(path);
        CommandResult r = shell.run(RemoteCommand.script(
                "if [ -e \"$1\" ] || [ -L \"$1\" ]; then exec cat -- \"$1\"; else exit " + MISSING + "; fi", path));
        if (r.exitCode() == MISSING) {
            return Optional.empty();
        }
        return Optional.of(r.requireSuccess("read " + path).stdout());
    }

    /**
     * As {@link #writeFileAtomically}, but a file that exists keeps its owner, group and mode: an
     * operator's 0600 daemon.json stays 0600 after ovl merged keys into it, and after a rollback.
     * A new file gets {@code owner}, {@code group} and {@code mode}.
     */
    public WriteOutcome writeFileKeepingMode(String path, byte[] content, String owner, String group, int mode) {
        requireAbsolute(path);
        CommandResult r = shell.run(RemoteCommand.script(
                "if [ -e \"$1\" ]; then exec stat -L -c '%u %g %a' -- \"$1\"; else exit " + MISSING + "; fi", path));
        if (r.exitCode() == MISSING) {
            return writeFileAtomically(path, content, owner, group, mode);
        }
        String stat = r.requireSuccess("stat " + path).stdoutText().strip();
        if (!stat.matches("[0-9]+ [0-9]+ [0-7]{1,4}")) {
            throw new OvlException(ExitCode.SOFTWARE, "host " + host + ": stat " + path + ": expected 'UID GID MODE', got '"
                    + stat + "'; nothing was written");
        }
        String[] st = stat.split(" ");
        return writeFileAtomically(path, content, st[0], st[1], Integer.parseInt(st[2], 8));
    }

    public WriteOutcome writeFileAtomically(String path, byte[] content, String owner, String group, int mode) {
        requireAbsolute(path);
        requireName(owner, "owner");
        requireName(group, "group");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " is not in 0..7777 (octal)");
        }
        String modeText = String.format("%04o", mode);
        Optional<byte[]> current = readFile(path);
        if (current.isPresent() && Arrays.equals(current.get(), content)) {
            String[] st = shell.run(RemoteCommand.of("stat", "-c", "%U %G %u %g %a", "--", path))
                    .requireSuccess("stat " + path).stdoutText().strip().split(" ");
            boolean sameOwner = owner.equals(st[0]) || owner.equals(st[2]);
            boolean sameGroup = group.equals(st[1]) || group.equals(st[3]);
            if (sameOwner && sameGroup && Integer.parseInt(st[4], 8) == mode) {
                return WriteOutcome.UNCHANGED;
            }
        }
        int slash = path.lastIndexOf('/');
        String tmp = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".ovl-tmp."
                + tmpSuffix.get();
        try {
            shell.run(RemoteCommand.script("umask 077 && cat > \"$1\"", tmp).withStdin(content))
                    .requireSuccess("upload " + path);
            shell.run(RemoteCommand.of("chown", "--", owner + ":" + group, tmp)).requireSuccess("chown " + path);
            shell.run(RemoteCommand.of("chmod", "--", modeText, tmp)).requireSuccess("chmod " + path);
            if (current.isPresent()) {
                shell.run(RemoteCommand.of("cp", "-p", "--", path, path + BACKUP_SUFFIX))
                        .requireSuccess("back up " + path);
            }
            shell.run(RemoteCommand.of("mv", "-f", "--", tmp, path)).requireSuccess("replace " + path);
        } catch (OvlException e) {
            removeQuietly(tmp);
            throw e;
        }
        return current.isPresent() ? WriteOutcome.REPLACED : WriteOutcome.CREATED;
    }

    private void removeQuietly(String tmp) {
        try {
            shell.run(RemoteCommand.of("rm", "-f", "--", tmp));
        } catch (OvlException ignored) {
            // The original failure is what the user needs to read.
        }
    }

    private static Supplier<String> randomSuffix() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[6];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        };
    }

    private void requireAbsolute(String path) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("\0")) {
            throw new OvlException(ExitCode.SOFTWARE, "host " + host + ": remote file path must be absolute and name a file: "
                    + path);
        }
    }

    private void requireName(String value, String what) {
        if (!NAME.matcher(value).matches()) {
            throw new OvlException(ExitCode.USAGE, "host " + host + ": " + what + " '" + value
                    + "' is not a user/group name or numeric id");
        }
    }
}
