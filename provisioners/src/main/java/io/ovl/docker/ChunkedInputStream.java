package io.ovl.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A body in HTTP/1.1 chunked transfer coding (RFC 9112, section 7.1): hex size line, data, CRLF,
 * repeated, ended by a zero-size chunk and optional trailers. Docker streams events, logs and
 * progress this way, one chunk per message, so a read returns as soon as one chunk's bytes are
 * in; it never waits for the next chunk when it already has data to give.
 */
final class ChunkedInputStream extends InputStream {

    private static final int MAX_LINE = 8 * 1024;

    private final InputStream in;
    private long chunkRemaining;
    private boolean inChunk;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (!inChunk) {
            chunkRemaining = nextChunkSize();
            if (chunkRemaining == 0) {
                skipTrailers();
                done = true;
                return -1;
            }
            inChunk = true;
        }
        int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
        if (n == -1) {
            throw new EOFException("the response ended inside a chunk, " + chunkRemaining
                    + " bytes short");
        }
        chunkRemaining -= n;
        if (chunkRemaining == 0) {
            expectCrlf();
            inChunk = false;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return inChunk ? (int) Math.min(in.available(), chunkRemaining) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private long nextChunkSize() throws IOException {
        String line = readLine("chunk size");
        int end = line.indexOf(';'); // chunk extensions carry nothing Docker uses
        String hex = (end >= 0 ? line.substring(0, end) : line).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(ChunkedInputStream::isHex)) {
            throw new HttpProtocolException("bad chunk size line: \"" + line + "\"");
        }
        return Long.parseLong(hex, 16);
    }

    private void expectCrlf() throws IOException {
        String rest = readLine("end of chunk");
        if (!rest.isEmpty()) {
            throw new HttpProtocolException("chunk data is longer than its size line says");
        }
    }

    private void skipTrailers() throws IOException {
        while (!readLine("trailer").isEmpty()) {
            // Trailer fields: Docker sends none and we need none.
        }
    }

    private String readLine(String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("the response ended while reading the " + what);
            }
            if (line.size() >= MAX_LINE) {
                throw new HttpProtocolException("the " + what + " line is too long");
            }
            line.write(c);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
