package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport driven by docker-java's real client code, with a FAKE daemon: each channel
 * serves response bytes captured from real daemons ({@link FakeDuplex}). This checks the HTTP exchange
 * (Apache HttpClient over channel streams) and what docker-java makes of it; SSH and real daemons are
 * covered by {@code SshDockerTransportIT}.
 */
class ChannelDockerHttpClientTest {

    /** Liveness guard for background threads, not a timing assertion: never reached when correct. */
    private static final long GUARD_SECONDS = 30;

    private final List<FakeDuplex> opened = new ArrayList<>();

    private DockerClient clientAnswering(FakeDuplex... channels) {
        List<FakeDuplex> queue = new ArrayList<>(Arrays.asList(channels));
        ChannelDockerHttpClient http = new ChannelDockerHttpClient(() -> {
            FakeDuplex next = queue.remove(0);
            opened.add(next);
            return next;
        }, "node-1");
        return DockerClientImpl.getInstance(DockerClients.config(), http);
    }

    @Test
    void notFoundBodyBecomesDockerJavasNotFoundWithTheDaemonsMessage() {
        FakeDuplex channel = FakeDuplex.answering("container-not-found-20.10.http");
        DockerClient docker = clientAnswering(channel);

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> docker.inspectContainerCmd("nope").exec());

        assertTrue(e.getMessage().contains("No such container: nope"), e.getMessage());
        assertTrue(channel.closed(), "the channel is released after an error response");
    }

    @Test
    void pathsCarryNoApiVersionSoEachDaemonAnswersAtItsOwn() {
        FakeDuplex channel = FakeDuplex.answering("container-not-found-20.10.http");
        DockerClient docker = clientAnswering(channel);

        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd("nope").exec());

        assertTrue(channel.written().startsWith("GET /containers/nope/json HTTP/1.1\r\n"), channel.written());
    }

    @Test
    void chunkedInfoIsParsed() {
        FakeDuplex channel = FakeDuplex.answering("info-chunked-20.10.http");
        DockerClient docker = clientAnswering(channel);

        Info info = docker.infoCmd().exec();

        assertEquals("20.10.24+dfsg1", info.getServerVersion());
        assertEquals("docker-h1", info.getName());
        assertEquals("6EEQ:CBSI:BIIC:BJ3X:PGRA:HSKE:V37V:2Q3N:HEGG:4FU4:ZDRJ:6UPA", info.getId());
        assertTrue(channel.closed());
    }

    @Test
    void listIsParsedIntoContainers() {
        FakeDuplex channel = FakeDuplex.answering("containers-26.http");
        DockerClient docker = clientAnswering(channel);

        List<Container> containers = docker.listContainersCmd().withShowAll(true).exec();

        assertEquals(1, containers.size());
        assertEquals("/web1", containers.get(0).getNames()[0]);
        assertEquals("local/busybox:1", containers.get(0).getImage());
        assertEquals("exited", containers.get(0).getState());
        assertTrue(channel.written().startsWith("GET /containers/json?all=true HTTP/1.1\r\n"), channel.written());
        assertTrue(channel.closed());
    }

    @Test
    void eachRequestGetsItsOwnChannel() {
        DockerClient docker = clientAnswering(
                FakeDuplex.answering("ping-26.http"), FakeDuplex.answering("ping-26.http"));

        docker.pingCmd().exec();
        docker.pingCmd().exec();

        assertEquals(2, opened.size());
        assertTrue(opened.stream().allMatch(FakeDuplex::closed));
    }

    /**
     * A streamed body: the first log frame must reach the caller while the daemon has not sent
     * the rest. The pipe holds only the head and the first chunk until the frame has arrived.
     */
    @Test
    void logFramesStreamAsTheyArrive() throws Exception {
        byte[] all = Fixtures.bytes("logs-chunked-26.http");
        int firstChunkEnd = endOfFirstChunk(all);
        PipedOutputStream daemon = new PipedOutputStream();
        PipedInputStream fromDaemon = new PipedInputStream(daemon, all.length);
        FakeDuplex channel = new FakeDuplex(fromDaemon, "");
        DockerClient docker = clientAnswering(channel);
        FrameQueue frames = new FrameQueue();

        daemon.write(all, 0, firstChunkEnd);
        docker.logContainerCmd("web1").withStdOut(true).withStdErr(true).withFollowStream(true).exec(frames);

        Frame first = frames.next();
        assertEquals(StreamType.STDOUT, first.getStreamType());
        assertEquals("hello from busybox\n", text(first));

        daemon.write(all, firstChunkEnd, all.length - firstChunkEnd);
        daemon.close();

        Frame second = frames.next();
        assertEquals(StreamType.STDERR, second.getStreamType());
        assertEquals("a warning\n", text(second));
        assertEquals("done\n", text(frames.next()));
        assertTrue(frames.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
        assertTrue(channel.written().startsWith("GET /containers/web1/logs?"), channel.written());
    }

    @Test
    void logsOfEngine2010AreDemultiplexed() throws Exception {
        DockerClient docker = clientAnswering(FakeDuplex.answering("logs-chunked-20.10.http"));
        FrameQueue frames = new FrameQueue();

        docker.logContainerCmd("c1").withStdOut(true).withStdErr(true).exec(frames);

        assertEquals("hello from busybox\n", text(frames.next()));
        assertEquals("done\n", text(frames.next()));
        Frame warning = frames.next();
        assertEquals(StreamType.STDERR, warning.getStreamType());
        assertEquals("a warning\n", text(warning));
        assertTrue(frames.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach-101-20.10.http", "attach-101-26.http"})
    void attachSwitchesProtocolsPumpsStdinAndHalfClosesAtItsEnd(String capture) throws Exception {
        // As a daemon running cat: the switch at once, the echo only once stdin has ended.
        byte[] all = Fixtures.bytes(capture);
        int headEnd = new String(all, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        PipedOutputStream daemon = new PipedOutputStream();
        FakeDuplex channel = new FakeDuplex(new PipedInputStream(daemon, all.length), "");
        daemon.write(all, 0, headEnd);
        Thread echo = new Thread(() -> {
            try {
                if (channel.awaitOutputClosed(GUARD_SECONDS)) {
                    daemon.write(all, headEnd, all.length - headEnd);
                }
                daemon.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        echo.setDaemon(true);
        echo.start();
        DockerClient docker = clientAnswering(channel);
        FrameQueue frames = new FrameQueue();
        InputStream stdin = new ByteArrayInputStream("ping\n".getBytes(StandardCharsets.US_ASCII));

        docker.attachContainerCmd("c1").withStdIn(stdin).withStdOut(true).withFollowStream(true).exec(frames);

        Frame echoed = frames.next();
        assertEquals(StreamType.STDOUT, echoed.getStreamType());
        assertEquals("echo: ping\n", text(echoed));
        assertTrue(frames.awaitCompletion(GUARD_SECONDS, TimeUnit.SECONDS));
        assertTrue(channel.awaitOutputClosed(GUARD_SECONDS), "stdin's end is passed on as EOF");
        String written = channel.written();
        assertTrue(written.contains("Upgrade: tcp\r\n"), written);
        assertTrue(written.endsWith("\r\n\r\nping\n"), "stdin follows the request head: " + written);
    }

    @Test
    void channelEndingBeforeAnAnswerNamesHostRequestAndWhatTheFarEndSaid() {
        FakeDuplex channel = new FakeDuplex(InputStream.nullInputStream(),
                "`sudo -n docker system dial-stdio` exited with 1, stderr: sudo: a password is required");
        DockerClient docker = clientAnswering(channel);

        OvlException e = assertThrows(OvlException.class, () -> docker.infoCmd().exec());

        assertEquals(ExitCode.HOST_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("host node-1: Docker API GET /info failed:"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo: a password is required"), e.getMessage());
        assertTrue(channel.closed());
    }

    @Test
    void failureToOpenAChannelNamesTheHost() {
        ChannelDockerHttpClient http = new ChannelDockerHttpClient(() -> {
            throw new IOException("connection reset");
        }, "node-2");
        Request request = Request.builder().method(Request.Method.GET).path("/_ping").build();

        OvlException e = assertThrows(OvlException.class, () -> http.execute(request));

        assertEquals(ExitCode.HOST_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("host node-2"), e.getMessage());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    @Test
    void closingTheBodyClosesTheChannel() throws IOException {
        FakeDuplex channel = FakeDuplex.answering("info-chunked-20.10.http");
        ChannelDockerHttpClient http = new ChannelDockerHttpClient(() -> channel, "node-1");

        Response response = http.execute(Request.builder().method(Request.Method.GET).path("/info").build());
        assertEquals(200, response.getStatusCode());
        assertEquals("chunked", response.getHeader("transfer-encoding"));
        assertNotNull(response.getBody().read());
        assertFalse(channel.closed(), "the body is still being read");

        response.getBody().close();

        assertTrue(channel.closed());
    }

    private static String text(Frame frame) {
        return new String(frame.getPayload(), StandardCharsets.UTF_8);
    }

    /** Index just past the first chunk (size line, data, CRLF) after the response head. */
    private static int endOfFirstChunk(byte[] response) {
        String latin1 = new String(response, StandardCharsets.ISO_8859_1);
        int bodyStart = latin1.indexOf("\r\n\r\n") + 4;
        int sizeLineEnd = latin1.indexOf("\r\n", bodyStart);
        int size = Integer.parseInt(latin1.substring(bodyStart, sizeLineEnd), 16);
        return sizeLineEnd + 2 + size + 2;
    }

    /** Collects frames for the test thread to take one by one. */
    private static final class FrameQueue extends ResultCallback.Adapter<Frame> {
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

        @Override
        public void onNext(Frame frame) {
            frames.add(frame);
        }

        Frame next() throws InterruptedException {
            Frame frame = frames.poll(GUARD_SECONDS, TimeUnit.SECONDS);
            assertNotNull(frame, "no frame arrived");
            return frame;
        }
    }
}
