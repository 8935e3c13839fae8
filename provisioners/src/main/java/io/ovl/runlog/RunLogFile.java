package io.ovl.runlog;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.Redaction;
import io.ovl.ssh.RunLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One run's log file: a few {@code # key: value} lines about the run (its command line, the
 * topology, start), then one line per remote step as the run goes, each written and flushed at
 * once, so a run that is killed leaves a log up to its last step:
 *
 * <pre>
 * 2026-12-06T04:31:03.120Z h1 shell exit=0 12ms systemctl is-active docker
 * 2026-12-06T04:31:03.300Z h2 shell exit=1 8ms test -e /etc/systemd/system/docker.service.d/ovl.conf
 * 2026-12-06T04:31:04.010Z h1 docker http=200 31ms POST /v1.41/networks/create
 * 2026-12-06T04:31:09.500Z h3 shell failed 10002ms systemctl restart docker
 *   ! host h3: `systemctl restart docker` did not end within 10s
 * </pre>
 *
 * A failure's first stderr line, or its error, follows on a line of its own starting {@code "  ! "}.
 * Texts are redacted by their reporters and again here ({@link Redaction#text}), and control
 * characters are shown escaped. Files are made 0600 in a directory made 0700: commands name hosts,
 * users and paths. A log that cannot be written stops being written; the run goes on.
 */
public final class RunLogFile implements RunLog, AutoCloseable {
    /** {@code 2026-12-06T04-31-02Z-init-4242.log}, also with {@code -2} after the pid when two runs share a second. */
    static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z)-[a-z0-9-]+-\\d+(-\\d+)?\\.log");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path path;
    private final Clock clock;
    private OutputStream out;

    private RunLogFile(Path path, OutputStream out, Clock clock) {
        this.path = path;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Where logs go by default: {@code $XDG_STATE_HOME/ovl/logs}, else {@code $HOME/.local/state/ovl/logs};
     * empty when neither variable is set (an absolute path) in {@code env}.
     */
    public static Optional<Path> defaultDirectory(Map<String, String> env) {
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        if (!state.isEmpty() && Path.of(state).isAbsolute()) {
            return Optional.of(Path.of(state, "ovl", "logs"));
        }
        String home = env.getOrDefault("HOME", "");
        if (!home.isEmpty() && Path.of(home).isAbsolute()) {
            return Optional.of(Path.of(home, ".local", "state", "ovl", "logs"));
        }
        return Optional.empty();
    }

    /** {@code 2026-12-06T04-31-02Z-net-create-4242.log}: the run's start (UTC), its command, the process. */
    public static String fileName(Instant started, String command, long pid) {
        String slug = command.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return NAME_TIME.format(started) + "-" + (slug.isEmpty() ? "ovl" : slug) + "-" + pid + ".log";
    }

    /**
     * A new log in {@code dir} (made 0700 when missing), named by {@link #fileName}; a second run
     * of the same process in the same second (in {@code ovl shell}) gets {@code -2}, {@code -3}, ...
     *
     * @throws UncheckedIOException when the directory or the file cannot be made
     */
    public static RunLogFile createIn(Path dir, String command, long pid, Clock clock) {
        try {
            makeDirectory(dir);
            String name = fileName(clock.instant(), command, pid);
            for (int n = 1; ; n++) {
                Path file = dir.resolve(n == 1 ? name : name.replaceFirst("\\.log$", "-" + n + ".log"));
                try {
                    return open(file, clock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (n > 1000) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a run log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file {@code --log-file} names: appended to (several runs can share one), made 0600 when new.
     *
     * @throws OvlException (usage) when it cannot be opened for writing
     */
    public static RunLogFile appendTo(Path file, Clock clock) {
        try {
            return open(file, clock, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OvlException(ExitCode.USAGE, "--log-file " + file + ": cannot write it: " + reason(e));
        }
    }

    private static RunLogFile open(Path file, Clock clock, OpenOption... options) throws IOException {
        OutputStream out;
        if (posix(file.toAbsolutePath().getParent())) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
            out = java.nio.channels.Channels.newOutputStream(Files.newByteChannel(file, Set.of(options), mode));
        } else {
            out = Files.newOutputStream(file, options);
        }
        return new RunLogFile(file, out, clock);
    }

    private static void makeDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix(parent)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else {
            Files.createDirectory(dir);
        }
    }

    private static boolean posix(Path dir) {
        try {
            return dir != null && Files.getFileStore(dir).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        String what = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? what : what + " " + e.getMessage();
    }

    public Path path() {
        return path;
    }

    /** A line about the run itself: {@code # key: value} (redacted, escaped). */
    public void note(String key, String value) {
        write("# " + key + ": " + escape(Redaction.text(value)) + "\n");
    }

    /** The run's end: when, its exit code, how long it took since {@code started}. */
    public void end(Instant started, int exitCode, String meaning) {
        Instant now = clock.instant();
        note("ended", time(now) + " exit " + exitCode + " (" + meaning + ") after "
                + started.until(now, ChronoUnit.MILLIS) + "ms");
    }

    @Override
    public void record(Entry e) {
        StringBuilder line = new StringBuilder();
        line.append(time(clock.instant())).append(' ').append(escape(e.host())).append(' ').append(e.kind())
                .append(' ').append(e.outcome()).append(' ').append(e.millis() < 0 ? "-" : e.millis() + "ms")
                .append(' ').append(escape(Redaction.text(e.what()))).append('\n');
        if (!e.detail().isEmpty()) {
            line.append("  ! ").append(escape(Redaction.text(e.detail()))).append('\n');
        }
        write(line.toString());
    }

    private synchronized void write(String text) {
        if (out == null) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            closeQuietly(); // a full disk or a removed directory ends the log, never the run
        }
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Control characters (a host's output, a hostile file name) as {@code \xNN}: a log is read in a terminal. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Nothing more can be written either way.
            }
            out = null;
        }
    }
}
