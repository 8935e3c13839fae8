package io.ovl.topology;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a topology file, or an exit-2 error that says what the path is and what was
 * expected: a directory, a file that is not UTF-8, one too large to be a topology, one we may not
 * read. Reading is bounded: a huge or endless file (a FIFO, /dev/zero) is refused at {@link #MAX_BYTES}.
 */
public final class TopologyText {
    /** Far above any real topology: 20,000 networks with every key written take about 3 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final String EXPECTED = "expected a topology YAML file";

    private TopologyText() {
    }

    public static String read(Path file) {
        if (Files.isDirectory(file)) {
            throw usage(file + " is a directory; " + EXPECTED);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw usage("topology file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw usage("cannot read " + file + ": permission denied; " + EXPECTED + " you may read (check its mode and owner)");
        } catch (IOException e) {
            throw new OvlException(ExitCode.USAGE, "cannot read topology file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw usage(file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB; " + EXPECTED
                    + " (a topology of thousands of networks is a few MiB)");
        }
        return decode(file.toString(), bytes);
    }

    /** UTF-8 text, or an error naming the first byte that is not, and where it is. */
    static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            throw usage(String.format("%s is not UTF-8 text (byte 0x%02x at offset %d); %s", file,
                    bytes[offset] & 0xff, offset, EXPECTED));
        }
        return out.flip().toString();
    }

    private static OvlException usage(String message) {
        return new OvlException(ExitCode.USAGE, message);
    }
}
