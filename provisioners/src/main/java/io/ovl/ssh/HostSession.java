package io.ovl.ssh;

import java.util.List;
import net.schmizz.sshj.SSHClient;

/**
 * One authenticated SSH connection to one host, reused by every step of a command: its commands,
 * its files and its Docker API channels. Implements {@link RemoteShell}: commands run in a
 * persistent shell on this connection ({@link PersistentShell}, through {@code sudo -n --} when
 * {@code become: sudo}, started once and kept), each with the endpoint's command timeout; the
 * Docker API goes over channels to {@link #dockerSocket()}.
 */
public final class HostSession implements RemoteShell, CommandStarter, AutoCloseable {

    private final SshEndpoint endpoint;
    private final SSHClient client;
    private final List<SSHClient> chain;
    /** False for a {@link #lent()} view: its owner (a {@link SessionPool}) closes the connection. */
    private final boolean owner;
    /** Shared with every lent view: the shells belong to the connection. */
    private final ShellPool shells;
    /** How this host's privileged commands become root (none, sudo, sudo with a password, doas). */
    private final Escalation escalation;
    /** Where this view reports its commands and Docker requests (see {@link #recordingTo}). */
    private final Recorder recorder;

    HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain) {
        this(endpoint, client, chain, Escalation.of(endpoint.become()));
    }

    /** A session whose shells escalate as {@code escalation} says (sudo given a password, doas, ...). */
    HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain, Escalation escalation) {
        this(endpoint, client, chain, true, new ShellPool(() -> PersistentShell.open(client, endpoint, escalation)),
                escalation, RunLog.NONE);
    }

    private HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain, boolean owner,
                        ShellPool shells, Escalation escalation, RunLog log) {
        this.endpoint = endpoint;
        this.client = client;
        this.chain = List.copyOf(chain);
        this.owner = owner;
        this.shells = shells;
        this.escalation = escalation;
        this.recorder = new Recorder(log, endpoint.label(), escalation);
    }

    /**
     * The same connection for a borrower whose {@link #close()} leaves it open: a pool lends its
     * sessions this way, so code written to close what it opened (init's hosts, swarm's, net's)
     * can run on a pooled connection without ending it for the next command.
     */
    HostSession lent() {
        return new HostSession(endpoint, client, chain, false, shells, escalation, recorder.log());
    }

    /**
     * The same connection, lent (closing it leaves the connection open), reporting every command
     * and Docker API request to {@code log}: one run's record, while the connection may serve
     * several runs (the sessions of {@code ovl shell}).
     */
    public HostSession recordingTo(RunLog log) {
        return new HostSession(endpoint, client, chain, false, shells, escalation, log);
    }

    /** Where this view reports, with every text it is given redacted as the session's own lines are. */
    public RunLog runLog() {
        return recorder.redacting();
    }

    /** The topology host name; every error about this host starts with "host LABEL:". */
    public String label() {
        return endpoint.label();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The open, authenticated SSHJ client of this host, for the Docker API transport (for example
     * a direct-streamlocal channel to /var/run/docker.sock). Owned by this session: do not close it.
     */
    public SSHClient sshClient() {
        return client;
    }

    /** Atomic file writes and reads on this host, through this session (and sudo if configured). */
    public RemoteFiles files() {
        return new RemoteFiles(this, label());
    }

    /**
     * Runs {@code command} on one of this connection's persistent shells ({@link PersistentShell}):
     * started through {@code sudo -n --} once when become is sudo, then reused, so a run pays
     * privilege escalation once per host, not once per command.
     */
    @Override
    public CommandResult run(RemoteCommand command) {
        return recorder.run("shell", command, () -> shells.run(command));
    }

    /** The batch in one exec, as {@link RemoteShell#run(CommandBatch)}; the log gets each command's exit status. */
    @Override
    public List<CommandResult> run(CommandBatch batch) {
        return recorder.batch(batch, () -> shells.run(batch.request()));
    }

    /** Opens (and escalates) a persistent shell now, unless one is idle; see {@link RemoteShell#ready()}. */
    @Override
    public void ready() {
        shells.ready();
    }

    /**
     * Starts {@code command} on its own exec channel of this connection and returns while it runs
     * (see {@link StartedCommand}): for a step that must stream (the port probe's listener says
     * READY, then waits for GO). {@code privileged} goes through {@code sudo -n --} when
     * {@code become: sudo} (one escalation of its own; given the password first with
     * {@code become-password-env}, unless sudo refused it before on this connection), through
     * {@code doas -n --} with doas, and runs as the login user otherwise.
     */
    @Override
    public StartedCommand start(RemoteCommand command, boolean privileged) {
        if (!privileged) {
            return recorder.start(command,
                    () -> SshStartedCommand.start(endpoint, client, command, Escalation.of(SshTarget.Become.NONE)));
        }
        shells.requireNotRefused(); // a refused password is not tried again
        return recorder.start(command, () -> SshStartedCommand.start(endpoint, client, command, escalation));
    }

    /**
     * The Unix socket on the host that reaches the Docker daemon: Docker's own socket when this
     * user logs in with the right to use it (become: none), else the socket of a relay started
     * once through the privileged shell ({@link DockerRelay}).
     */
    public String dockerSocket() {
        return escalation.none() ? DockerRelay.DOCKER_SOCKET : shells.relaySocket(label(), endpoint.user(),
                shell -> command -> recorder.run("shell", command, () -> shell.run(command)));
    }

    /**
     * True when this host's privileged steps must not run a {@code sudo -n} of their own: sudo
     * wants a password (given once per shell), or the host escalates with doas. The Docker API's
     * fallback for an sshd without socket channels then reaches the relay through
     * {@code docker -H unix://RELAY system dial-stdio} as the login user instead.
     */
    public boolean escalatesOnlyThroughShells() {
        return escalation.become() == SshTarget.Become.DOAS || escalation.passwordSource().isPresent();
    }

    /** Privileged shells opened on this connection so far: what the run paid in escalations. */
    public int shellsOpened() {
        return shells.opened();
    }

    /** Closes the connection, its shells and those of its jump hosts; does nothing on a session lent by a pool. */
    @Override
    public void close() {
        if (owner) {
            shells.close();
            SshConnector.closeAll(chain);
        }
    }
}
