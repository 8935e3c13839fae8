package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.topology.KvBackend;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {
    @TempDir
    Path dir;

    private static BackupArchive sample() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(BackupArchive.ETCD_V3, new byte[] {0, 1, 2, (byte) 0xff});
        entries.put(BackupArchive.ETCD_V2, "{\"node\":{}}".getBytes(StandardCharsets.UTF_8));
        return new BackupArchive(KvBackend.ETCD, Instant.parse("2026-12-06T04:00:00Z"), "h1", List.of("h1", "h2", "h3"),
                entries);
    }

    @Test
    void writtenAtomicallyAndReadBackWithItsChecksums() throws Exception {
        Path file = dir.resolve("b.zip");
        BackupArchive.writeAtomically(file, sample().toBytes());
        BackupArchive back = BackupArchive.read(file);
        assertEquals(KvBackend.ETCD, back.backend());
        assertEquals("h1", back.takenOn());
        assertEquals(List.of("h1", "h2", "h3"), back.members());
        assertEquals(Instant.parse("2026-12-06T04:00:00Z"), back.created());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, back.entry(BackupArchive.ETCD_V3).orElseThrow());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void sameContentSameBytes() {
        assertArrayEquals(sample().toBytes(), sample().toBytes());
    }

    @Test
    void aDamagedEntryIsRefusedAsUsage() throws Exception {
        byte[] zip = sample().toBytes();
        // the same manifest with another etcd-v3.db
        Path file = dir.resolve("damaged.zip");
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             ByteArrayOutputStream buf = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(buf)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] b = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(BackupArchive.ETCD_V3) ? new byte[] {9} : b);
                out.closeEntry();
            }
            out.finish();
            Files.write(file, buf.toByteArray());
        }
        OvlException ex = assertThrows(OvlException.class, () -> BackupArchive.read(file));
        assertEquals(ExitCode.USAGE, ex.exitCode());
        assertTrue(ex.getMessage().contains("etcd-v3.db does not match its SHA-256"), ex.getMessage());
    }

    @Test
    void notABackupIsUsage() throws Exception {
        Path text = dir.resolve("t.zip");
        Files.writeString(text, "hello");
        OvlException ex = assertThrows(OvlException.class, () -> BackupArchive.read(text));
        assertEquals(ExitCode.USAGE, ex.exitCode());
        OvlException missing = assertThrows(OvlException.class, () -> BackupArchive.read(dir.resolve("nope.zip")));
        assertEquals(ExitCode.USAGE, missing.exitCode());
    }
}
