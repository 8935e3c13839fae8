package io.ovl.cli.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip as Info-ZIP's {@code unzip} does on Linux, including each entry's Unix mode (the
 * upper 16 bits of the central directory's "external attributes"), which java.util.zip does not
 * expose. Test support for DistributionIT: whether bin/ovl is executable after unpacking is
 * exactly what a user would trip over, and the CI machine has no {@code unzip}.
 */
final class UnixZip {
    private UnixZip() {
    }

    /** Unpacks {@code zip} under {@code into}; returns the Unix mode of every entry that has one. */
    static Map<String, Integer> unpack(Path zip, Path into) throws IOException {
        Map<String, Integer> modes = modes(zip);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                Integer mode = modes.get(entry.getName());
                if (mode != null && mode != 0) {
                    Files.setPosixFilePermissions(target, permissions(mode));
                }
            }
        }
        return modes;
    }

    /** Entry name to Unix mode, read from the central directory. */
    static Map<String, Integer> modes(Path zip) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = bytes.limit() - 22;
        while (eocd >= 0 && bytes.getInt(eocd) != 0x06054b50) {
            eocd--; // an archive comment moves the end record back
        }
        if (eocd < 0) {
            throw new IOException("not a zip (no end of central directory record): " + zip);
        }
        int entries = Short.toUnsignedInt(bytes.getShort(eocd + 10));
        int at = bytes.getInt(eocd + 16);
        Map<String, Integer> modes = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            if (bytes.getInt(at) != 0x02014b50) {
                throw new IOException("bad central directory entry " + i + " in " + zip);
            }
            int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(bytes.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(bytes.getShort(at + 32));
            int external = bytes.getInt(at + 38);
            byte[] name = new byte[nameLength];
            bytes.get(at + 46, name);
            modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            at += 46 + nameLength + extraLength + commentLength;
        }
        return modes;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
