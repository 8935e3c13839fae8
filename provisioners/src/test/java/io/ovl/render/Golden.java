package io.ovl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the expected rendering lives in src/test/resources/io/ovl/render/golden/.
 * On a mismatch the actual text is written to target/golden-actual/ for review; golden files are
 * never rewritten automatically.
 */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        String expected = resource("/io/ovl/render/golden/" + name);
        if (expected == null || !expected.equals(actual)) {
            try {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (expected == null) {
            fail("no golden file golden/" + name + "; the actual rendering is in target/golden-actual/" + name);
        }
        assertEquals(expected, actual, "rendering differs from golden/" + name + " (actual in target/golden-actual/)");
    }

    static String resource(String path) {
        try (InputStream in = Golden.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String path) {
        String text = resource(path);
        if (text == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return text;
    }
}
