package io.ovl.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a {@link PersistentShell} on its own thread and cuts it at frame
 * lines, {@code "\n" + marker + " " + TAG + "\n"}, into segments: the bytes a command wrote, then
 * the tag that ended them. Both streams of a shell are read all the time, so a command that fills
 * one cannot block on the other, and a caller waits for exactly one segment per command.
 *
 * <p>The marker holds random bits the commands never see (see {@link CommandBatch}), so a
 * command's own output cannot end its segment early.
 */
final class FrameReader extends Thread {

    /** What one command wrote to this stream, and the tag of the frame line after it. */
    record Segment(byte[] bytes, String tag) {
    }

    /** Queued when the stream ends: nothing more will come. */
    private static final Segment END = new Segment(new byte[0], "");

    private final InputStream in;
    private final byte[] lead;
    private final BlockingQueue<Segment> segments = new LinkedBlockingQueue<>();
    /** Bytes read since the last frame line: what the next segment will hold. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** Where in {@link #pending} a frame line may start: earlier bytes were searched already. */
    private int searchFrom;
    private volatile String failure = "";

    FrameReader(InputStream in, String marker, String name) {
        super("ovl-shell-" + name);
        this.in = in;
        this.lead = ("\n" + marker + " ").getBytes(StandardCharsets.UTF_8);
        setDaemon(true);
    }

    static FrameReader start(InputStream in, String marker, String name) {
        FrameReader r = new FrameReader(in, marker, name);
        r.start();
        return r;
    }

    /**
     * The next segment, waiting at most {@code millis}; empty when none came in time.
     *
     * @throws StreamEndedException when the stream ended before another frame line
     */
    Optional<Segment> next(long millis) throws InterruptedException, StreamEndedException {
        Segment s = segments.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
        if (s == END) {
            segments.add(END); // every later caller learns the same
            throw new StreamEndedException(failure, pendingText());
        }
        return Optional.ofNullable(s);
    }

    /** What arrived after the last frame line (for example sudo's complaint before it gave up). */
    synchronized String pendingText() {
        return pending.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void run() {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
        } finally {
            segments.add(END);
        }
    }

    private synchronized void append(byte[] buf, int n) {
        pending.write(buf, 0, n);
        byte[] data = pending.toByteArray();
        int from = 0;
        int search = searchFrom;
        while (true) {
            int at = Channels.indexOf(data, lead, search);
            if (at < 0) {
                // A lead cut off by the end of this read may still complete: search its start again.
                search = Math.max(from, data.length - lead.length + 1);
                break;
            }
            int tagStart = at + lead.length;
            int eol = Channels.indexOf(data, new byte[] {'\n'}, tagStart);
            if (eol < 0) {
                search = at; // the frame line is not complete yet
                break;
            }
            segments.add(new Segment(Arrays.copyOfRange(data, from, at),
                    new String(data, tagStart, eol - tagStart, StandardCharsets.UTF_8)));
            from = eol + 1;
            search = from;
        }
        searchFrom = search - from;
        if (from > 0) {
            pending.reset();
            pending.write(data, from, data.length - from);
        }
    }

    /** The stream ended (the shell exited or the channel closed) before the frame waited for. */
    static final class StreamEndedException extends Exception {
        private final String leftover;

        StreamEndedException(String failure, String leftover) {
            super(failure.isEmpty() ? "the shell's output ended" : "reading the shell's output: " + failure);
            this.leftover = leftover;
        }

        /** Unframed bytes that arrived last, as text. */
        String leftover() {
            return leftover;
        }
    }
}
