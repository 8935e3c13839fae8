package io.ovl.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body framed by Content-Length: exactly that many bytes, and an error if fewer arrive. */
final class FixedLengthInputStream extends InputStream {
    private final InputStream in;
    private final long length;
    private long remaining;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.length = length;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n == -1) {
            throw new EOFException("the response body ended after " + (length - remaining)
                    + " of " + length + " bytes (Content-Length)");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
