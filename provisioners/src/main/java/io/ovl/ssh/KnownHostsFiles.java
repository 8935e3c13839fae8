package io.ovl.ssh;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * known_hosts files read line by line so that every verdict can name the file and line (as OpenSSH
 * does for a changed key). Each line is parsed by SSHJ's {@link OpenSSHKnownHosts.EntryFactory},
 * which understands hashed ({@code |1|salt|hash}) names, patterns and {@code [host]:port}.
 * {@code @cert-authority} lines are skipped: ovl does not do host certificates.
 */
public final class KnownHostsFiles {

    private record Line(Path file, int number, boolean revoked, String text, OpenSSHKnownHosts.KnownHostEntry entry) {
    }

    private final List<Path> files;
    private final List<Line> lines;

    private KnownHostsFiles(List<Path> files, List<Line> lines) {
        this.files = List.copyOf(files);
        this.lines = List.copyOf(lines);
    }

    /** Reads the files that exist; missing ones are simply empty, as for OpenSSH. */
    public static KnownHostsFiles read(List<Path> files) {
        OpenSSHKnownHosts.EntryFactory factory = entryFactory();
        List<Line> lines = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<String> text;
            try {
                text = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read known_hosts file " + file, e);
            }
            for (int i = 0; i < text.size(); i++) {
                String raw = text.get(i).strip();
                if (raw.isEmpty() || raw.startsWith("#") || raw.startsWith("@cert-authority")) {
                    continue;
                }
                try {
                    lines.add(new Line(file, i + 1, raw.startsWith("@revoked"), raw, factory.parseEntry(raw)));
                } catch (IOException e) {
                    // A line SSHJ cannot read is ignored, as OpenSSH ignores bad lines.
                }
            }
        }
        return new KnownHostsFiles(files, lines);
    }

    /** Looks up {@code key} for {@code knownHostsName} ({@code host} or {@code [host]:port}). */
    public KnownHostsCheck check(String knownHostsName, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        Optional<Line> changed = Optional.empty();
        for (Line line : lines) {
            if (line.revoked() && matches(line, knownHostsName) && revokedKeyIs(line, key)) {
                return new KnownHostsCheck.Revoked(line.file(), line.number());
            }
        }
        for (Line line : lines) {
            if (line.revoked() || !appliesTo(line, type, knownHostsName)) {
                continue;
            }
            if (verifies(line, key)) {
                return new KnownHostsCheck.Known(line.file(), line.number());
            }
            if (changed.isEmpty()) {
                changed = Optional.of(line);
            }
        }
        return changed.<KnownHostsCheck>map(l -> new KnownHostsCheck.Changed(l.file(), l.number()))
                .orElseGet(() -> new KnownHostsCheck.Unknown(files));
    }

    /** Key algorithms known for the host, so key exchange can prefer one we can verify. */
    public List<String> knownAlgorithms(String knownHostsName) {
        List<String> algorithms = new ArrayList<>();
        for (Line line : lines) {
            if (!line.revoked() && matches(line, knownHostsName)) {
                algorithms.add(line.entry().getType().toString());
            }
        }
        return algorithms;
    }

    private static boolean matches(Line line, String name) {
        try {
            return line.entry().appliesTo(name);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean appliesTo(Line line, KeyType type, String name) {
        try {
            return line.entry().appliesTo(type, name);
        } catch (IOException e) {
            return false;
        }
    }

    /** SSHJ's verify() is always false for @revoked; compare the key field ("@revoked host type KEY") ourselves. */
    private static boolean revokedKeyIs(Line line, PublicKey key) {
        String[] fields = line.text().split("\\s+");
        try {
            return fields.length >= 4 && Arrays.equals(Base64.getDecoder().decode(fields[3]), HostKeys.blob(key));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verifies(Line line, PublicKey key) {
        try {
            return line.entry().verify(key);
        } catch (IOException e) {
            return false;
        }
    }

    private static OpenSSHKnownHosts.EntryFactory entryFactory() {
        try {
            return new OpenSSHKnownHosts(new StringReader("")).new EntryFactory();
        } catch (IOException e) {
            throw new IllegalStateException("an empty known_hosts cannot fail to load", e);
        }
    }
}
