package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.agent.AgentClient;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens {@link HostSession}s: resolves ssh config, connects (through jump hosts), checks the host
 * key and authenticates. One connector serves a whole command run and is safe to use from many
 * threads; it shares the SSHJ configuration, the passphrase answers, the known_hosts writer and
 * counts every SSH connection it opens (jump hosts included), for the scale benchmark.
 */
public final class SshConnector implements AutoCloseable {

    /** Interval of OpenSSH-style keepalive requests; a peer that misses three is declared dead. */
    static final int KEEPALIVE_SECONDS = 15;

    private final SshConfigResolver resolver;
    private final BecomePasswords passwords;
    private final Authenticator authenticator;
    private final KnownHostsWriter knownHostsWriter = new KnownHostsWriter();
    private final DefaultConfig sshjConfig;
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ovl-ssh-connect-watchdog");
        t.setDaemon(true);
        return t;
    });

    public SshConnector(SshEnvironment env, PassphrasePrompt prompt) {
        this(env, prompt, BecomePasswords.fromSystem());
    }

    /**
     * @param passwords the run's sudo passwords ({@code become-password-env}), looked up once per
     *                  variable and shared by every host opened through this connector
     */
    public SshConnector(SshEnvironment env, PassphrasePrompt prompt, BecomePasswords passwords) {
        this.passwords = passwords;
        this.resolver = new SshConfigResolver(env);
        this.authenticator = new Authenticator(env.agentSocket().map(AgentClient::new), prompt);
        this.sshjConfig = new DefaultConfig();
        // KEEP_ALIVE sends keepalive@openssh.com and disconnects a peer that stops answering.
        this.sshjConfig.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    /** The real environment and a terminal prompt for passphrases. */
    public static SshConnector fromSystem() {
        return new SshConnector(SshEnvironment.fromSystem(), PassphrasePrompt.console());
    }

    public SshEndpoint resolve(SshTarget target) {
        return resolver.resolve(target);
    }

    /**
     * Opens an authenticated session to {@code target}, through its jump hosts if any.
     *
     * @throws OvlException naming the host and the step that failed
     */
    public HostSession open(SshTarget target) {
        // The password first: a variable that is not set fails before any connection is made.
        Escalation escalation = target.becomePasswordEnv()
                .map(variable -> Escalation.sudoWith(passwords.get(variable, target.label())))
                .orElseGet(() -> Escalation.of(target.become()));
        SshEndpoint endpoint = resolver.resolve(target);
        List<SSHClient> opened = new ArrayList<>();
        try {
            SSHClient previous = null;
            for (SshEndpoint jump : endpoint.jumps()) {
                previous = connect(jump, previous, opened);
            }
            SSHClient client = connect(endpoint, previous, opened);
            return new HostSession(endpoint, client, opened, escalation);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Stops the connect watchdog thread. Sessions already open stay usable; opening new ones after
     * this fails. Optional: the thread is a daemon and does not keep the JVM alive.
     */
    @Override
    public void close() {
        watchdogs.shutdownNow();
    }

    /** SSH connections opened so far (each jump host counts as one). */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    private SSHClient connect(SshEndpoint ep, SSHClient via, List<SSHClient> opened) {
        SSHClient client = new SSHClient(sshjConfig);
        opened.add(client);
        int timeoutMs = Math.toIntExact(ep.connectTimeout().toMillis());
        client.setConnectTimeout(timeoutMs);
        // Bounds key exchange and authentication; not the socket read timeout, which would kill
        // an idle but healthy connection.
        client.getTransport().setTimeoutMs(timeoutMs);
        client.getConnection().setTimeoutMs(timeoutMs);
        client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
        KnownHostsVerifier verifier = new KnownHostsVerifier(ep, knownHostsWriter);
        client.addHostKeyVerifier(verifier);
        String step = "connect to " + ep.hostAndPort() + (via == null ? "" : " through the jump host");
        // SSHJ reads the server's banner with no time limit (a hung sshd that accepted TCP would
        // block forever), so a watchdog closes the connection when connect + key exchange +
        // authentication take longer than the connect timeout.
        Watchdog watchdog = Watchdog.start(watchdogs, ep.connectTimeout(), client);
        try {
            try {
                if (via == null) {
                    client.connect(ep.hostName(), ep.port());
                } else {
                    DirectConnection tunnel = via.newDirectConnection(ep.hostName(), ep.port());
                    client.connectVia(tunnel, ep.hostName(), ep.port());
                }
            } catch (IOException | RuntimeException e) {
                if (verifier.refusal().isPresent()) {
                    throw new OvlException(ExitCode.HOST_FAILED, verifier.refusal().get(), e);
                }
                throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": " + step + ": "
                        + (watchdog.fired() ? "timed out after " + SshErrors.seconds(ep.connectTimeout())
                        : SshErrors.describe(e, ep.connectTimeout())), e);
            }
            connectionsOpened.incrementAndGet();
            try {
                authenticator.authenticate(client, ep);
            } catch (OvlException e) {
                if (watchdog.fired()) {
                    throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": authenticate as "
                            + ep.user() + "@" + ep.hostAndPort() + ": timed out after "
                            + SshErrors.seconds(ep.connectTimeout()), e);
                }
                throw e;
            }
        } finally {
            watchdog.cancel();
        }
        return client;
    }

    /** Closes a client that is still connecting when its time is up. */
    private static final class Watchdog {
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;

        static Watchdog start(ScheduledExecutorService scheduler, java.time.Duration timeout, SSHClient client) {
            Watchdog w = new Watchdog();
            w.task = scheduler.schedule(() -> {
                w.fired.set(true);
                closeAll(List.of(client));
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            return w;
        }

        boolean fired() {
            return fired.get();
        }

        void cancel() {
            task.cancel(false);
        }
    }

    static void closeAll(List<SSHClient> clients) {
        for (int i = clients.size() - 1; i >= 0; i--) {
            try {
                clients.get(i).close();
            } catch (IOException | RuntimeException e) {
                // Closing is best effort: the error that made us close is the one to report.
            }
        }
    }
}
