package io.ovl.kv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a store's answer to its end, but no more than a health answer can need: a store (or
 * something else on its port) that streams without end must not fill ovl's memory.
 */
final class BoundedRead {
    static final int MAX_ANSWER = 64 * 1024;

    private BoundedRead() {
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while (buf.size() < MAX_ANSWER && (n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }
}
