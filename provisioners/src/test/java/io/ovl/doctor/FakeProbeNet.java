package io.ovl.doctor;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.StartedCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A FAKE network of probe hosts, for unit tests of {@link PortProber}'s orchestration (pure logic:
 * who waits for what, and how outputs become outcomes). No perl, no SSH: every started listener or
 * sender is a thread that prints what probe-listen.pl and probe-send.pl print, over a simulated
 * network in which a message reaches a listener only while it is bound (after its READY), as on
 * real hosts, so a protocol that starts senders before a slow listener is ready loses messages
 * here too. The real scripts run in ProbeScriptsLoopbackTest (loopback) and on real hosts in
 * DoctorLabIT and EspLabIT.
 */
final class FakeProbeNet {
    /** One command the prober started: on which host, listener or sender, through sudo or not. */
    record Started(String host, String kind, boolean privileged, List<String> argv) {
    }

    private final Map<String, String> nameOfAddress;
    private final Set<String> lost = new HashSet<>();
    private final Map<String, Duration> listenerDelay = new HashMap<>();
    private final Map<String, Duration> senderDelay = new HashMap<>();
    private final Set<String> neverReady = new HashSet<>();
    private final Map<String, UnaryOperator<String>> listenerLines = new HashMap<>();
    private UnaryOperator<String> senderLines = UnaryOperator.identity();
    private Duration commandTimeout = Duration.ofSeconds(5);

    private final Set<String> bound = new HashSet<>();
    private final Set<String> startedListeners = new HashSet<>();
    private final List<String> delivered = new ArrayList<>();
    private final List<Started> started = new ArrayList<>();

    FakeProbeNet(Map<String, String> nameOfAddress) {
        this.nameOfAddress = Map.copyOf(nameOfAddress);
    }

    /** Traffic "PROTO PORT SOURCE TARGET" ("udp 4789 h2 h3", "esp 50 h2 h3") never arrives; TCP then times out. */
    FakeProbeNet lose(String direction) {
        lost.add(direction);
        return this;
    }

    /** The host's listener binds and says READY only after {@code delay} (a slow sudo or login). */
    FakeProbeNet slowListener(String host, Duration delay) {
        listenerDelay.put(host, delay);
        return this;
    }

    FakeProbeNet slowSender(String host, Duration delay) {
        senderDelay.put(host, delay);
        return this;
    }

    /** The host's listener never binds nor says anything until it is closed. */
    FakeProbeNet neverReady(String host) {
        neverReady.add(host);
        return this;
    }

    /** Rewrites the host listener's LISTEN lines ("LISTEN esp 50" to "BUSY esp 50 Operation not permitted"). */
    FakeProbeNet listenerLines(String host, UnaryOperator<String> rewrite) {
        listenerLines.put(host, rewrite);
        return this;
    }

    /** Rewrites every sender's result lines ("SENT esp 50 ADDR"). */
    FakeProbeNet senderLines(UnaryOperator<String> rewrite) {
        senderLines = rewrite;
        return this;
    }

    FakeProbeNet commandTimeout(Duration timeout) {
        commandTimeout = timeout;
        return this;
    }

    synchronized List<Started> started() {
        return List.copyOf(started);
    }

    /** The starters of {@code hosts}, as DoctorRunner hands them to the prober. */
    Map<String, CommandStarter> starters(List<String> hosts) {
        Map<String, CommandStarter> out = new LinkedHashMap<>();
        hosts.forEach(h -> out.put(h, (cmd, privileged) -> start(h, cmd, privileged)));
        return out;
    }

    private StartedCommand start(String host, RemoteCommand cmd, boolean privileged) {
        boolean listener = cmd.argv().get(2).equals(ProbeScripts.LISTEN);
        synchronized (this) {
            started.add(new Started(host, listener ? "listener" : "sender", privileged, cmd.argv()));
            if (listener) {
                startedListeners.add(host);
            }
        }
        FakeCommand c = new FakeCommand(host, cmd);
        c.run(listener ? () -> listen(host, cmd.argv(), c) : () -> send(host, cmd.argv(), c));
        return c;
    }

    private void listen(String host, List<String> argv, FakeCommand c) throws InterruptedException {
        Thread.sleep(listenerDelay.getOrDefault(host, Duration.ZERO).toMillis());
        if (neverReady.contains(host)) {
            Thread.sleep(Long.MAX_VALUE);
        }
        // argv: perl -e SCRIPT SECONDS CAP RUN BIND SPEC...
        for (String spec : argv.subList(7, argv.size())) {
            String[] p = spec.split("/");
            String line = listenerLines.getOrDefault(host, UnaryOperator.identity()).apply("LISTEN " + p[0] + " " + p[1]);
            if (line.startsWith("LISTEN ")) {
                synchronized (this) {
                    bound.add(host + " " + p[0] + " " + p[1]);
                }
            }
            c.print(line);
        }
        c.print("READY");
        if (!c.awaitInput("GO")) {
            c.exit(0);
            return;
        }
        synchronized (this) {
            delivered.stream().filter(d -> d.startsWith(host + " ")).forEach(d -> c.print("GOT " + d.substring(host.length() + 1)));
        }
        c.exit(0);
    }

    private void send(String source, List<String> argv, FakeCommand c) throws InterruptedException {
        Thread.sleep(senderDelay.getOrDefault(source, Duration.ZERO).toMillis());
        // argv: perl -e SCRIPT SECONDS RUN SOURCE (PROTO PORT ADDRESS)...
        List<String> results = new ArrayList<>();
        synchronized (this) {
            for (int i = 6; i < argv.size(); i += 3) {
                String proto = argv.get(i);
                String port = argv.get(i + 1);
                String address = argv.get(i + 2);
                String target = nameOfAddress.getOrDefault(address, address);
                String key = proto + " " + port + " " + address;
                boolean listening = bound.contains(target + " " + proto + " " + port);
                // A TCP service nobody of ours listens on (an external store) accepts, as it would.
                boolean external = proto.equals("tcp") && !startedListeners.contains(target);
                String line;
                if (lost.contains(proto + " " + port + " " + source + " " + target)) {
                    line = proto.equals("tcp") ? "FAILED " + key + " Connection_timed_out" : "SENT " + key;
                } else if (listening || external) {
                    line = "SENT " + key;
                } else {
                    // Nothing bound there (yet): refused over TCP, silently dropped otherwise.
                    line = proto.equals("tcp") ? "FAILED " + key + " Connection_refused" : "SENT " + key;
                }
                line = senderLines.apply(line);
                if (line.startsWith("SENT ") && listening && !lost.contains(proto + " " + port + " " + source + " " + target)) {
                    delivered.add(target + " " + proto + " " + port + " " + source);
                }
                results.add(line);
            }
        }
        c.print("START");
        results.forEach(r -> c.print(senderLines.apply(r)));
        c.exit(0);
    }

    /** A started fake command: stdout as a queue of lines, stdin as one, the exit status as a future. */
    private final class FakeCommand implements StartedCommand {
        private static final Optional<String> END = Optional.empty();
        private final String host;
        private final RemoteCommand command;
        private final BlockingQueue<Optional<String>> out = new LinkedBlockingQueue<>();
        private final StringBuilder all = new StringBuilder();
        private final BlockingQueue<String> in = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private volatile boolean ended;
        private volatile boolean closed;
        private Thread thread;

        FakeCommand(String host, RemoteCommand command) {
            this.host = host;
            this.command = command;
        }

        interface Behaviour {
            void run() throws InterruptedException;
        }

        void run(Behaviour behaviour) {
            thread = new Thread(() -> {
                try {
                    behaviour.run();
                } catch (InterruptedException e) {
                    // closed by the prober
                }
            }, "fake-probe-" + host);
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void print(String line) {
            all.append(line).append('\n');
            out.add(Optional.of(line));
        }

        void exit(int status) {
            out.add(END);
            exit.complete(status);
        }

        boolean awaitInput(String line) throws InterruptedException {
            while (!closed) {
                String got = in.poll(20, TimeUnit.MILLISECONDS);
                if (line.equals(got)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<String> readLine(Duration timeout) {
            if (ended) {
                return Optional.empty();
            }
            try {
                Optional<String> line = out.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    return Optional.empty();
                }
                ended = line.isEmpty();
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvlException(ExitCode.INTERRUPTED, "host " + host + ": interrupted");
            }
        }

        @Override
        public boolean stdoutEnded() {
            return ended;
        }

        @Override
        public boolean writeLine(String line) {
            if (closed || exit.isDone()) {
                return false;
            }
            in.add(line);
            return true;
        }

        @Override
        public void closeStdin() {
            closed = true;
        }

        @Override
        public CommandResult finish(Duration timeout) {
            try {
                int status = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                synchronized (this) {
                    return new CommandResult(host, command, status, all.toString().getBytes(StandardCharsets.UTF_8),
                            new byte[0]);
                }
            } catch (TimeoutException e) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": did not end within " + timeout.toMillis() + " ms");
            } catch (ExecutionException | InterruptedException e) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + e);
            }
        }

        @Override
        public Duration commandTimeout() {
            return commandTimeout;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }
}
