package io.ovl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.topology.KvBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A store backup file: a zip (open it with any unzip) holding {@code manifest.json} and the
 * store's own files: for etcd {@code etcd-v3.db} (what {@code etcdctl snapshot save} wrote; usable by
 * {@code etcdctl snapshot restore} by hand) and {@code etcd-v2-keys.json} (the v2 keyspace, where
 * dockerd's state is: see {@link V2Keys}); for Consul {@code consul.snap}; for ZooKeeper the files of
 * its data and transaction-log directories under {@code zookeeper/}. The manifest names each entry's
 * SHA-256, which {@link #read} checks.
 *
 * @param entries entry name to bytes, in the order written
 */
public record BackupArchive(KvBackend backend, Instant created, String takenOn, List<String> members,
                            Map<String, byte[]> entries) {
    public static final String FORMAT = "ovl.store-backup/v1";
    public static final String MANIFEST = "manifest.json";
    public static final String ETCD_V3 = "etcd-v3.db";
    public static final String ETCD_V2 = "etcd-v2-keys.json";
    public static final String CONSUL = "consul.snap";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest backup file read back (a snapshot of a store for a few hundred networks is kilobytes). */
    static final long MAX_FILE = 1L << 30;

    public BackupArchive {
        members = List.copyOf(members);
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<byte[]> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The zip's bytes, manifest first. */
    public byte[] toBytes() {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("backend", backend.key());
        manifest.put("created", created.toString());
        manifest.put("taken-on", takenOn);
        members.forEach(manifest.putArray("members")::add);
        ObjectNode files = manifest.putObject("entries");
        entries.forEach((name, bytes) -> files.putObject(name).put("bytes", bytes.length).put("sha256", sha256(bytes)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            put(zip, MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new OvlException(ExitCode.SOFTWARE, "cannot build the backup archive: " + e.getMessage(), e);
        }
        return buf.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Writes {@code bytes} to {@code file} atomically: a temporary file in the same directory, synced,
     * then renamed over the target (never a half-written backup at {@code file}).
     */
    public static void writeAtomically(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".ovl-tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write's failure is what matters
                }
            }
            throw new OvlException(ExitCode.HOST_FAILED, "cannot write the backup to " + file + ": " + e.getMessage()
                    + "; the store was not changed", e);
        }
    }

    /**
     * Reads and checks a backup file: a zip with a manifest of this format whose every entry is there
     * with its SHA-256.
     *
     * @throws OvlException (USAGE) saying what is wrong with the file
     */
    public static BackupArchive read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new OvlException(ExitCode.USAGE, file + ": larger than 1 GiB; not an ovl store backup");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OvlException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    static BackupArchive parse(String label, byte[] bytes) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                raw.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new OvlException(ExitCode.USAGE, label + ": not an ovl store backup (not a zip: " + e.getMessage() + ")");
        }
        byte[] m = raw.remove(MANIFEST);
        if (m == null) {
            throw new OvlException(ExitCode.USAGE, label + ": not an ovl store backup (no " + MANIFEST + ")");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(m);
        } catch (IOException e) {
            throw new OvlException(ExitCode.USAGE, label + ": " + MANIFEST + " is not JSON: " + e.getMessage());
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw new OvlException(ExitCode.USAGE, label + ": not an ovl store backup (format is not " + FORMAT + ")");
        }
        KvBackend backend = java.util.Arrays.stream(KvBackend.values())
                .filter(b -> b.key().equals(manifest.path("backend").asText())).findFirst()
                .orElseThrow(() -> new OvlException(ExitCode.USAGE, label + ": unknown backend '"
                        + manifest.path("backend").asText() + "'"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        var names = manifest.path("entries").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            byte[] b = raw.get(name);
            if (b == null) {
                throw new OvlException(ExitCode.USAGE, label + ": entry " + name + " is missing; the file is damaged");
            }
            if (!sha256(b).equals(manifest.path("entries").path(name).path("sha256").asText())) {
                throw new OvlException(ExitCode.USAGE, label + ": entry " + name + " does not match its SHA-256;"
                        + " the file is damaged");
            }
            entries.put(name, b);
        }
        List<String> members = new java.util.ArrayList<>();
        manifest.path("members").forEach(n -> members.add(n.asText()));
        Instant created;
        try {
            created = Instant.parse(manifest.path("created").asText());
        } catch (java.time.format.DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        return new BackupArchive(backend, created, manifest.path("taken-on").asText(""), members, entries);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
