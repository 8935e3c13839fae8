package io.ovl.kvmode;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.DockerApi;
import io.ovl.docker.SwarmApi;
import io.ovl.doctor.FactCommands;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.StoreProbe;
import io.ovl.render.ContainerSpec;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.SshSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test support, a FAKE {@link HostHandle} for unit tests of pure orchestration only (the order of
 * steps, what is rolled back, what is skipped, which Engine API calls come in which order): a tiny
 * in-memory file system behind the commands {@link io.ovl.ssh.RemoteFiles} and init send, systemctl
 * and the init script whose restart succeeds or fails as scripted, a Docker API whose cluster store
 * follows the files, a store probe that answers as scripted, and the swarm API a test passes in
 * ({@link #withSwarm}). Or, for doctor's and net's orchestration tests, a scripted shell the test
 * gives ({@link #FakeHostHandle(String, RemoteShell)}, and {@link #hosts} for a run of them). It has
 * no store dialer and no streaming exec ({@link #starter()} refuses), and records whether it was
 * closed. It checks no SSH, dockerd or swarm behaviour: that is what the lab ITs
 * ({@link InitResetIT}, {@code SwarmInitResetIT}, {@code SwarmDemoteResetIT}, {@code DoctorLabIT},
 * {@code NetLabIT}) are for.
 */
public final class FakeHostHandle implements HostHandle {
    private final String name;
    /** Answers for exact commands, consulted first (the rest is the file system and systemctl below). */
    final Map<RemoteCommand, CommandResult> answers = new LinkedHashMap<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    /** The drop-in content whose restart fails (dockerd refuses it), if any. */
    Optional<String> refusedDropIn = Optional.empty();
    /** On a host without systemd: the daemon.json content dockerd exits on after the init script started it. */
    Optional<String> refusedDaemonJson = Optional.empty();
    boolean dockerUp = true;
    String storeWhenUp = "";
    String advertiseWhenUp = "";
    final List<String> containersCreated = new ArrayList<>();
    boolean storeHealthy = true;
    /** How many of the next dockerd runs log a discovery error (could not reach the store while starting). */
    int runsWithDiscoveryError = 0;
    private boolean currentRunHadDiscoveryError;
    /** Runs as dockerd restarts, before it answers: a test can hold the restart here (see InterruptApplyTest). */
    Runnable onRestart = () -> { };
    private Optional<SwarmApi> swarm = Optional.empty();
    /** A test's scripted shell that answers every command instead of the in-memory host, if given. */
    private final Optional<RemoteShell> given;
    private volatile boolean closed;

    public FakeHostHandle(String name) {
        this.name = name;
        this.given = Optional.empty();
    }

    /** A fake whose commands all go to {@code shell} (a test's scripted shell, e.g. a FakeRemoteShell). */
    public FakeHostHandle(String name, RemoteShell shell) {
        this.name = name;
        this.given = Optional.of(shell);
    }

    /**
     * A run's hosts for a test, as {@link OpenHosts#open} keeps them: {@code names} in order, each
     * over its shell from {@code shells} (a {@link #FakeHostHandle(String, RemoteShell)}) or else
     * unreachable with its reason from {@code unreachable}.
     */
    public static OpenHosts hosts(List<String> names, Map<String, ? extends RemoteShell> shells,
                                  Map<String, String> unreachable) {
        for (String n : names) {
            if (!shells.containsKey(n) && !unreachable.containsKey(n)) {
                throw new IllegalArgumentException("host " + n + " has neither a shell nor a reason");
            }
        }
        List<Host> hosts = names.stream().map(n -> new Host(n, n + ".example", true, Optional.empty(),
                Optional.empty(), SshSettings.DEFAULTS)).toList();
        return OpenHosts.open(hosts, h -> {
            RemoteShell shell = shells.get(h.name());
            if (shell == null) {
                throw new OvlException(ExitCode.HOST_FAILED, unreachable.get(h.name()));
            }
            return new FakeHostHandle(h.name(), shell);
        }, new ParallelHosts());
    }

    /** Answers swarm calls with {@code api} (a test's scripted engine); without it {@link #swarm()} throws. */
    public FakeHostHandle withSwarm(SwarmApi api) {
        this.swarm = Optional.of(api);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RemoteShell shell() {
        return given.orElse(this::run);
    }

    private CommandResult run(RemoteCommand c) {
        List<String> a = c.argv();
        String joined = String.join(" ", a);
        log.add(joined);
        if (answers.containsKey(c)) {
            return answers.get(c);
        }
        if (a.get(0).equals("sh") && a.get(2).contains("exec stat")) {
            return files.containsKey(a.get(4)) ? ok(c, "0 0 644\n") : result(c, 100, "");
        }
        if (a.get(0).equals("sh") && a.get(2).contains("exec cat")) {
            String path = a.get(4);
            return files.containsKey(path) ? ok(c, files.get(path)) : result(c, 100, "");
        }
        if (a.get(0).equals("sh") && a.get(2).contains("cat >")) {
            files.put(a.get(4), new String(c.stdin().orElseThrow(), StandardCharsets.UTF_8));
            return ok(c, "");
        }
        if (a.get(0).equals("mv")) {
            files.put(a.get(4), files.remove(a.get(3)));
            return ok(c, "");
        }
        if (a.get(0).equals("cp")) {
            files.put(a.get(4), files.get(a.get(3)));
            return ok(c, "");
        }
        if (a.get(0).equals("rm")) {
            files.remove(a.get(3));
            return ok(c, "");
        }
        if (c.equals(FactCommands.DOCKER_LOG)) {
            return ok(c, currentRunHadDiscoveryError
                    ? "time=\"2026-11-22T23:45:25Z\" level=error msg=\"discovery error: Unexpected watch error\"\n" : "");
        }
        if (c.equals(DockerService.INIT_SCRIPT_RESTART)) {
            // Like Debian's script: start-stop-daemon succeeds; a dockerd refusing its config exits later.
            String json = files.getOrDefault(io.ovl.facts.DaemonJson.PATH, "");
            dockerUp = refusedDaemonJson.map(r -> !r.equals(json)).orElse(true);
            storeWhenUp = json.replaceAll("(?s).*\"cluster-store\": \"([^\"]+)\".*", "$1");
            storeWhenUp = storeWhenUp.equals(json) ? "" : storeWhenUp;
            advertiseWhenUp = json.replaceAll("(?s).*\"cluster-advertise\": \"([^\"]+)\".*", "$1");
            advertiseWhenUp = advertiseWhenUp.equals(json) ? "" : advertiseWhenUp;
            return ok(c, "");
        }
        if (c.equals(DockerService.INIT_SCRIPT_STATUS)) {
            return dockerUp ? ok(c, "Docker is running.") : result(c, 1, "Docker is not running ... failed!");
        }
        if (c.equals(DockerService.INIT_SCRIPT_RUN_LOG)) {
            return ok(c, "");
        }
        if (joined.equals("systemctl restart docker.service")) {
            onRestart.run();
            String dropIn = files.getOrDefault(io.ovl.render.DockerdDropIn.PATH, "");
            dockerUp = refusedDropIn.map(r -> !r.equals(dropIn)).orElse(true);
            storeWhenUp = dropIn.isEmpty() ? "" : dropIn.replaceAll("(?s).*--cluster-store=(\\S+).*", "$1").strip();
            advertiseWhenUp = dropIn.isEmpty() ? "" : dropIn.replaceAll("(?s).*--cluster-advertise=(\\S+).*", "$1").strip();
            currentRunHadDiscoveryError = dockerUp && runsWithDiscoveryError > 0;
            if (currentRunHadDiscoveryError) {
                runsWithDiscoveryError--;
            }
            return dockerUp ? ok(c, "") : result(c, 1, "");
        }
        return ok(c, "");
    }

    FakeHostHandle answer(RemoteCommand c, int exit, String out, String err) {
        answers.put(c, new CommandResult(name, c, exit, out.getBytes(StandardCharsets.UTF_8),
                err.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    private CommandResult ok(RemoteCommand c, String out) {
        return result(c, 0, out);
    }

    private CommandResult result(RemoteCommand c, int exit, String out) {
        return new CommandResult(name, c, exit, out.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Override
    public DockerApi docker() {
        return new DockerApi() {
            @Override
            public Optional<DaemonStatus> status() {
                return dockerUp ? Optional.of(new DaemonStatus("20.10.24",
                        storeWhenUp.isEmpty() ? Optional.empty() : Optional.of(storeWhenUp),
                        advertiseWhenUp.isEmpty() ? Optional.empty() : Optional.of(advertiseWhenUp)))
                        : Optional.empty();
            }

            @Override
            public void createAndStart(ContainerSpec spec) {
                containersCreated.add(spec.name());
            }

            @Override
            public void start(String containerName) {
                log.add("docker start " + containerName);
            }

            @Override
            public void removeContainer(String containerName) {
                log.add("docker rm " + containerName);
            }

            @Override
            public boolean removeVolume(String volumeName) {
                log.add("docker volume rm " + volumeName);
                return true;
            }
        };
    }

    @Override
    public SwarmApi swarm() {
        return swarm.orElseThrow(() -> new UnsupportedOperationException("host " + name + ": no fake swarm API"));
    }

    @Override
    public StoreProbe storeProbe() {
        return endpoint -> new StoreAnswer(endpoint, storeHealthy, storeHealthy ? "healthy" : "connection refused");
    }

    /** None: kv.healthy then asks no TLS store from this host, and says so. */
    @Override
    public Optional<StoreDialer> storeDialer() {
        return Optional.empty();
    }

    /** Refuses: the port probe's streaming is tested with scripted starters (FakeProbeNet) and in DoctorLabIT. */
    @Override
    public CommandStarter starter() {
        return (command, privileged) -> {
            throw new UnsupportedOperationException("host " + name + ": the fake host has no streaming exec");
        };
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
