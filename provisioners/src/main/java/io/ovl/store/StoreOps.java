package io.ovl.store;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreChannelProbe;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.TlsExchange;
import io.ovl.change.Poll;
import io.ovl.change.ChangeProgress;
import io.ovl.kvmode.StoreUnderlay;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Topology;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ovl store status|backup|restore} over a run's host handles. Every store command runs by
 * argv in the store container through the host's one session ({@link HostHandle#shell()}), and
 * every answer from the store's client port goes over that session too ({@link HostHandle#storeDialer()}).
 *
 * <p>Restore (etcd) reads as a list of steps, each on every member:
 * <ol>
 *   <li>upload the snapshot into the member's data volume;</li>
 *   <li>stop every member's container;</li>
 *   <li>{@code etcdctl snapshot restore} into a fresh data directory in the same volume, with the
 *       member's name, the cluster's members and token, read from its container's command;</li>
 *   <li>swap it in: the old {@code member} directory is kept as {@code member.ovl-before-restore-ID};</li>
 *   <li>start every member, wait until each is healthy;</li>
 *   <li>write the backup's v2 keys (dockerd's networks) back, and read them back to check.</li>
 * </ol>
 */
public final class StoreOps {
    static final Duration HEALTH_WAIT = Duration.ofSeconds(90);
    private final Topology topology;
    private final OpenHosts hosts;
    private final StoreLayout layout;
    private final ChangeProgress progress;
    private final Clock clock;

    public StoreOps(Topology topology, OpenHosts hosts, StoreLayout layout, ChangeProgress progress, Clock clock) {
        this.topology = topology;
        this.hosts = hosts;
        this.layout = layout;
        this.progress = progress;
        this.clock = clock;
    }

    /** The layout of {@code topology}'s store, store hosts' underlay addresses read over {@code hosts} where needed. */
    public static StoreLayout layout(Topology topology, OpenHosts hosts) {
        StoreLayout.of(topology, Map.of()); // refuses swarm mode and external stores before reading any host
        return StoreLayout.of(topology, StoreUnderlay.resolve(topology, hosts));
    }

    public StoreLayout layout() {
        return layout;
    }

    // ---------------------------------------------------------------- status

    public StoreStatus status() {
        return switch (layout.backend()) {
            case ETCD -> clusterStatus(this::etcdStatusOn);
            case CONSUL -> clusterStatus(this::consulStatusOn);
            case ZOOKEEPER -> zookeeperStatus();
        };
    }

    /** What one member's container said for the whole cluster; empty when it could not be asked there. */
    private record ClusterAnswer(List<MemberStatus> members, List<String> notes) {
    }

    private StoreStatus clusterStatus(Function<StoreLayout.Member, Optional<ClusterAnswer>> askOn) {
        Map<String, String> why = new LinkedHashMap<>();
        for (StoreLayout.Member m : layout.members()) {
            Optional<String> unreachable = hosts.whyUnreachable(m.host()).or(() -> hosts.get(m.host()).isEmpty()
                    ? Optional.of("not reached") : Optional.empty());
            if (unreachable.isPresent()) {
                why.put(m.host(), "host unreachable: " + unreachable.get());
                continue;
            }
            try {
                Optional<ClusterAnswer> a = askOn.apply(m);
                if (a.isPresent()) {
                    List<String> notes = new ArrayList<>(a.get().notes());
                    why.forEach((h, w) -> notes.add("could not ask on " + h + ": " + w));
                    List<MemberStatus> members = a.get().members().stream().map(s -> hosts.whyUnreachable(s.host())
                            .filter(w -> !s.healthy()).map(w -> MemberStatus.unanswered(s.host(), s.endpoint(),
                                    s.detail() + " (host unreachable over SSH: " + w + ")")).orElse(s)).toList();
                    return new StoreStatus(layout.backend(), members, Optional.of(m.host()), notes);
                }
                why.put(m.host(), "store container " + m.container() + " is not running");
            } catch (OvlException e) {
                why.put(m.host(), e.getMessage());
            }
        }
        return new StoreStatus(layout.backend(), layout.members().stream()
                .map(m -> MemberStatus.unanswered(m.host(), m.endpoint(), why.getOrDefault(m.host(), "not asked")))
                .toList(), Optional.empty(), List.of());
    }

    private Optional<ClusterAnswer> etcdStatusOn(StoreLayout.Member on) {
        HostHandle h = hosts.require(on.host());
        CommandResult status = h.shell().run(Etcdctl.endpointStatus(layout, on));
        if (containerMissing(status)) {
            return Optional.empty();
        }
        CommandResult health = h.shell().run(Etcdctl.endpointHealth(layout, on));
        String why = firstLine(status.stderrText()).orElse("no answer");
        List<MemberStatus> members = EtcdStatusParser.combine(layout, status.stdoutText(), health.stdoutText(),
                "etcdctl on " + on.host() + ": " + why);
        List<String> notes = new ArrayList<>();
        CommandResult list = h.shell().run(Etcdctl.memberList(layout, on));
        if (list.succeeded()) {
            Map<BigInteger, String> names = EtcdStatusParser.parseMembers(list.stdoutText());
            names.values().stream().filter(n -> layout.members().stream().noneMatch(m -> m.host().equals(n)))
                    .sorted().forEach(n -> notes.add("etcd has a member '" + n + "' that is not in kv-store.hosts"
                            + " (remove it with etcdctl member remove once it is gone for good)"));
        }
        return Optional.of(new ClusterAnswer(members, notes));
    }

    private Optional<ClusterAnswer> consulStatusOn(StoreLayout.Member on) {
        HostHandle h = hosts.require(on.host());
        CommandResult peers = h.shell().run(Consul.listPeers(on));
        if (containerMissing(peers)) {
            return Optional.empty();
        }
        return Optional.of(new ClusterAnswer(ConsulPeers.combine(layout, peers.stdoutText(),
                "consul on " + on.host() + ": " + firstLine(peers.stderrText()).orElse("no answer")), List.of()));
    }

    private StoreStatus zookeeperStatus() {
        List<HostResult<MemberStatus>> results = hosts.parallel().forEach(layout.members(), StoreLayout.Member::host, m -> {
            Optional<HostHandle> h = hosts.get(m.host());
            if (h.isEmpty()) {
                return MemberStatus.unanswered(m.host(), m.endpoint(), "host unreachable: "
                        + hosts.whyUnreachable(m.host()).orElse("not reached"));
            }
            Optional<StoreDialer> dialer = h.get().storeDialer();
            if (dialer.isEmpty()) {
                return MemberStatus.unanswered(m.host(), m.endpoint(), "cannot open a stream to the store from here");
            }
            String mntr = word(dialer.get(), m, "mntr");
            String srvr = ZkAnswer.mntr(mntr).containsKey("zk_server_state") ? "" : word(dialer.get(), m, "srvr");
            return ZkAnswer.status(m.host(), m.endpoint(), mntr, srvr);
        });
        List<MemberStatus> members = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            StoreLayout.Member m = layout.members().get(i);
            HostResult<MemberStatus> r = results.get(i);
            members.add(r.value().orElseGet(() -> MemberStatus.unanswered(m.host(), m.endpoint(),
                    r.error().map(Throwable::getMessage).orElse("failed"))));
        }
        return new StoreStatus(KvBackend.ZOOKEEPER, members, Optional.empty(), List.of());
    }

    private String word(StoreDialer dialer, StoreLayout.Member m, String word) {
        try {
            return new String(StoreWire.exchange(dialer, Optional.empty(), m.host(), m.address(), m.clientPort(),
                    word.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
        } catch (OvlException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- backup

    /** What a backup wrote. */
    public record BackupResult(Path file, String sha256, long bytes, String takenOn, Map<String, Long> entries,
                               List<String> notes) {
    }

    /** Takes a backup on the first member that can give one and writes it to {@code file} atomically. */
    public BackupResult backup(Path file) {
        List<String> failures = new ArrayList<>();
        for (StoreLayout.Member m : membersLeaderFirst()) {
            Optional<HostHandle> h = hosts.get(m.host());
            if (h.isEmpty()) {
                failures.add(m.host() + ": unreachable");
                continue;
            }
            try {
                List<String> notes = new ArrayList<>();
                Map<String, byte[]> entries = switch (layout.backend()) {
                    case ETCD -> etcdBackup(h.get(), m, notes);
                    case CONSUL -> consulBackup(h.get(), m);
                    case ZOOKEEPER -> zookeeperBackup(h.get(), m, notes);
                };
                BackupArchive archive = new BackupArchive(layout.backend(), clock.instant(), m.host(),
                        layout.members().stream().map(StoreLayout.Member::host).toList(), entries);
                byte[] bytes = archive.toBytes();
                BackupArchive.writeAtomically(file, bytes);
                Map<String, Long> sizes = new LinkedHashMap<>();
                entries.forEach((k, v) -> sizes.put(k, (long) v.length));
                return new BackupResult(file, BackupArchive.sha256(bytes), bytes.length, m.host(), sizes, notes);
            } catch (OvlException e) {
                if (e.exitCode() == ExitCode.INTERRUPTED) {
                    throw e;
                }
                failures.add(e.getMessage());
                progress.step(m.host(), "no backup from here: " + e.getMessage());
            }
        }
        throw new OvlException(ExitCode.CHECKS_FAILED, "no store member gave a backup; nothing was written: "
                + String.join("; ", failures), layout.members().stream().map(StoreLayout.Member::host).toList(), null);
    }

    /** The leader first, when the store says which it is (fewer hops for the snapshot), else topology order. */
    private List<StoreLayout.Member> membersLeaderFirst() {
        if (layout.members().size() == 1) {
            return layout.members();
        }
        Optional<String> leader;
        try {
            leader = status().leader();
        } catch (OvlException e) {
            leader = Optional.empty();
        }
        List<StoreLayout.Member> out = new ArrayList<>(layout.members());
        leader.ifPresent(l -> out.sort((a, b) -> Boolean.compare(!a.host().equals(l), !b.host().equals(l))));
        return out;
    }

    private Map<String, byte[]> etcdBackup(HostHandle h, StoreLayout.Member m, List<String> notes) {
        String name = ".ovl-backup-" + token() + ".db";
        Map.Entry<String, String> data = dataVolume(m);
        StoreContainerFacts facts = inspect(h, m);
        String hostDir = facts.mountAt(data.getValue()).map(StoreContainerFacts.Mount::source)
                .orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED, "host " + m.host() + ": " + m.container()
                        + " has no volume at " + data.getValue()));
        progress.step(m.host(), "etcdctl snapshot save in " + m.container());
        byte[] v3;
        try {
            h.shell().run(Etcdctl.snapshotSave(layout, m, data.getValue() + "/" + name))
                    .requireSuccess("etcdctl snapshot save");
            v3 = readInChunks(h, hostDir + "/" + name);
        } finally {
            h.shell().run(RemoteCommand.of("rm", "-f", "--", hostDir + "/" + name));
        }
        progress.step(m.host(), "read the snapshot (" + v3.length + " bytes); reading the v2 keyspace");
        String v2 = v2Dump(h, m);
        int keys = V2Keys.entries(v2).size();
        int ephemeral = V2Keys.ephemeral(v2);
        notes.add(keys + " v2 keys (dockerd's overlay state)" + (ephemeral > 0 ? "; " + ephemeral
                + " keys with a TTL (dockerd's node registrations, renewed by each dockerd) not restored" : ""));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(BackupArchive.ETCD_V3, v3);
        entries.put(BackupArchive.ETCD_V2, v2.getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    private String v2Dump(HostHandle h, StoreLayout.Member m) {
        StoreWire.HttpAnswer a = StoreWire.http(StoreWire.exchange(dialer(h), pem(h), m.host(), m.address(),
                m.clientPort(), StoreWire.get(V2Keys.dumpPath(), m.endpoint())));
        if (a.status() != 200) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + m.host() + ": read etcd's v2 keyspace: HTTP "
                    + a.status() + ": " + firstLine(a.body()).orElse("") + " (does etcd run with --enable-v2=true?)");
        }
        return a.body();
    }

    private Map<String, byte[]> consulBackup(HostHandle h, StoreLayout.Member m) {
        String name = ".ovl-backup-" + token() + ".snap";
        Map.Entry<String, String> data = dataVolume(m);
        String hostDir = inspect(h, m).mountAt(data.getValue()).map(StoreContainerFacts.Mount::source)
                .orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED, "host " + m.host() + ": " + m.container()
                        + " has no volume at " + data.getValue()));
        try {
            h.shell().run(Consul.snapshotSave(m, data.getValue() + "/" + name)).requireSuccess("consul snapshot save");
            byte[] snap = readInChunks(h, hostDir + "/" + name);
            return Map.of(BackupArchive.CONSUL, snap);
        } finally {
            h.shell().run(RemoteCommand.of("rm", "-f", "--", hostDir + "/" + name));
        }
    }

    /**
     * The newest snapshot of the member's data directory and the transaction logs from the one it
     * starts in onwards (ZooKeeper's own advice for a backup: a snapshot is fuzzy, the logs make it
     * whole). Copied while the server runs.
     */
    private Map<String, byte[]> zookeeperBackup(HostHandle h, StoreLayout.Member m, List<String> notes) {
        StoreContainerFacts facts = inspect(h, m);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> snapshots = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        Map<String, String> dirOf = new LinkedHashMap<>();
        for (StoreContainerFacts.Mount mount : facts.mounts()) {
            String dir = mount.source() + "/version-2";
            CommandResult ls = h.shell().run(RemoteCommand.of("ls", "-1", "--", dir));
            if (!ls.succeeded()) {
                continue;
            }
            for (String f : ls.stdoutText().lines().map(String::strip).toList()) {
                String prefix = "zookeeper" + mount.destination() + "/version-2/";
                if (f.startsWith("snapshot.")) {
                    snapshots.add(f);
                    dirOf.put(f, dir + "|" + prefix);
                } else if (f.startsWith("log.")) {
                    logs.add(f);
                    dirOf.put(f, dir + "|" + prefix);
                }
            }
        }
        List<String> pick = ZkFiles.backupSet(snapshots, logs);
        if (pick.isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + m.host() + ": no ZooKeeper snapshot in "
                    + facts.mounts().stream().map(StoreContainerFacts.Mount::source).toList());
        }
        for (String f : pick) {
            String[] where = dirOf.get(f).split("\\|", 2);
            entries.put(where[1] + f, readInChunks(h, where[0] + "/" + f));
        }
        notes.add("ZooKeeper: " + pick.size() + " files (newest snapshot and the transaction logs after it) copied"
                + " from " + m.host());
        return entries;
    }

    // ---------------------------------------------------------------- restore

    /** What a restore will do on one member. */
    public record RestoreStep(String host, String container, String image, String volume, String volumePath,
                              String volumeSource, Optional<EtcdIdentity> identity, boolean running,
                              List<StoreContainerFacts.Mount> mounts) {
        public RestoreStep {
            mounts = List.copyOf(mounts);
        }
    }

    /** The restore, as a value: dry runs print it, {@link #restore} carries it out. */
    public record RestorePlan(KvBackend backend, List<RestoreStep> members, int v2Keys, Instant backupCreated,
                              String backupTakenOn) {
        public RestorePlan {
            members = List.copyOf(members);
        }
    }

    /** Reads every member read-only; refuses (nothing changed) what restore could not do. */
    public RestorePlan planRestore(BackupArchive archive) {
        if (archive.backend() != layout.backend()) {
            throw new OvlException(ExitCode.USAGE, "the backup is of a " + archive.backend().key()
                    + " store; this topology's store is " + layout.backend().key());
        }
        if (layout.backend() == KvBackend.ZOOKEEPER && archive.entries().keySet().stream()
                .noneMatch(e -> e.startsWith("zookeeper/") && e.contains("/version-2/snapshot."))) {
            throw new OvlException(ExitCode.USAGE, "the backup has no ZooKeeper snapshot");
        }
        List<String> unreachable = layout.members().stream().map(StoreLayout.Member::host)
                .filter(n -> hosts.get(n).isEmpty()).toList();
        if (!unreachable.isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "restore needs every store member; unreachable: "
                    + String.join(", ", unreachable.stream().map(n -> n + " (" + hosts.whyUnreachable(n).orElse("?") + ")")
                    .toList()) + "; nothing was changed", unreachable, null);
        }
        List<RestoreStep> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> problemHosts = new ArrayList<>();
        for (StoreLayout.Member m : layout.members()) {
            HostHandle h = hosts.require(m.host());
            CommandResult r = h.shell().run(StoreContainerFacts.inspect(m.container()));
            if (!r.succeeded()) {
                problems.add(m.host() + ": no container " + m.container() + " (run `ovl init` first, it creates the"
                        + " store; then restore)");
                problemHosts.add(m.host());
                continue;
            }
            StoreContainerFacts facts = StoreContainerFacts.parse(r.stdoutText());
            Optional<EtcdIdentity> identity = Optional.empty();
            String path = dataVolume(m).getValue();
            if (layout.backend() == KvBackend.ETCD) {
                try {
                    identity = Optional.of(EtcdIdentity.ofCommand(facts.cmd()));
                    path = identity.get().dataDir();
                } catch (RuntimeException e) {
                    problems.add(m.host() + ": " + e.getMessage());
                    problemHosts.add(m.host());
                    continue;
                }
            }
            String at = path;
            Optional<StoreContainerFacts.Mount> mount = facts.mountAt(at);
            if (mount.isEmpty()) {
                problems.add(m.host() + ": " + m.container() + " keeps its data at " + at + ", which is no named volume");
                problemHosts.add(m.host());
                continue;
            }
            steps.add(new RestoreStep(m.host(), m.container(), facts.image(), mount.get().volume(), at,
                    mount.get().source(), identity, facts.running(), facts.mounts()));
        }
        if (!problems.isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, String.join("; ", problems) + "; nothing was changed",
                    problemHosts, null);
        }
        int keys = archive.entry(BackupArchive.ETCD_V2).map(b -> V2Keys.entries(new String(b, StandardCharsets.UTF_8)).size())
                .orElse(0);
        if (layout.backend() == KvBackend.ETCD && archive.entry(BackupArchive.ETCD_V3).isEmpty()) {
            throw new OvlException(ExitCode.USAGE, "the backup has no " + BackupArchive.ETCD_V3);
        }
        if (layout.backend() == KvBackend.CONSUL && archive.entry(BackupArchive.CONSUL).isEmpty()) {
            throw new OvlException(ExitCode.USAGE, "the backup has no " + BackupArchive.CONSUL);
        }
        return new RestorePlan(layout.backend(), steps, keys, archive.created(), archive.takenOn());
    }

    /** What a restore did. */
    /**
     * What a restore did.
     *
     * @param interrupted the run was interrupted before the store was rewritten: it runs on its old data
     */
    public record RestoreReport(List<String> steps, int v2KeysWritten, Map<String, String> oldDataKeptAt,
                                StoreStatus after, boolean interrupted) {
    }

    public RestoreReport restore(RestorePlan plan, BackupArchive archive) {
        return restore(plan, archive, Interruption.none());
    }

    /**
     * Interrupted ({@link Interruption#requested}) before the members are stopped: the uploaded files
     * are removed, nothing else changed. After they are stopped but before the swap: they are started
     * again on their old data. Once the restored data is swapped in, the restore runs to its end
     * (a store left stopped, or without dockerd's keys, would be worse than a few more seconds).
     */
    public RestoreReport restore(RestorePlan plan, BackupArchive archive, Interruption interruption) {
        return switch (layout.backend()) {
            case ETCD -> etcdRestore(plan, archive, interruption);
            case CONSUL -> consulRestore(plan, archive);
            case ZOOKEEPER -> zookeeperRestore(plan, archive, interruption);
        };
    }

    private RestoreReport etcdRestore(RestorePlan plan, BackupArchive archive, Interruption interruption) {
        String id = restoreId();
        byte[] v3 = archive.entry(BackupArchive.ETCD_V3).orElseThrow();
        List<String> done = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        String snapshot = ".ovl-restore-" + id + ".db";
        String fresh = ".ovl-restore-" + id;
        // 1. upload
        each(plan, s -> {
            progress.step(s.host(), "uploading the snapshot (" + v3.length + " bytes) into volume " + s.volume());
            hosts.require(s.host()).shell().run(RemoteCommand.script("umask 077 && cat > \"$1\"",
                    s.volumeSource() + "/" + snapshot).withStdin(v3)).requireSuccess("upload the snapshot");
            return true;
        }, "nothing was changed but the uploaded file " + snapshot + " in the data volume");
        if (interruption.requested()) {
            return notStarted(plan, s -> List.of(s.volumeSource() + "/" + snapshot));
        }
        // 2. stop every member
        done.add(stopEveryMember(plan, interruption));
        if (interruption.requested()) {
            return startedAgain(plan, interruption, s -> List.of(s.volumeSource() + "/" + snapshot));
        }
        // 3, 4. restore into a fresh data directory, swap it in
        inFlight(plan, interruption, "store container stopped, data being restored (old data kept as"
                + " member.ovl-before-restore-" + id + "): run the restore again");
        each(plan, s -> {
            HostHandle h = hosts.require(s.host());
            EtcdIdentity who = s.identity().orElseThrow();
            progress.step(s.host(), "etcdctl snapshot restore as member " + who.name() + " (token "
                    + who.token() + ")");
            h.shell().run(RemoteCommand.of("rm", "-rf", "--", s.volumeSource() + "/" + fresh))
                    .requireSuccess("clear " + fresh);
            String etcdctl = Etcdctl.binary(layout.member(s.host()).program());
            h.shell().run(Etcdctl.snapshotRestore(s.image(), s.volume(), s.volumePath(), etcdctl,
                    s.volumePath() + "/" + snapshot, s.volumePath() + "/" + fresh, who))
                    .requireSuccess("etcdctl snapshot restore");
            h.shell().run(RemoteCommand.script(SWAP, s.volumeSource(), fresh, "member.ovl-before-restore-" + id, snapshot))
                    .requireSuccess("swap in the restored data");
            synchronized (kept) {
                kept.put(s.host(), s.volumeSource() + "/member.ovl-before-restore-" + id);
            }
            return true;
        }, "store containers are stopped; where the swap was done the old data is at VOLUME/member.ovl-before-restore-"
                + id + ": move it back to VOLUME/member, then `docker start` the containers");
        done.add("restored the snapshot on every member (old data kept)");
        // 5. start and wait
        startAndWait(plan, "the old data is at VOLUME/member.ovl-before-restore-" + id);
        done.add("every member healthy");
        inFlight(plan, interruption, "restored, dockerd's v2 keys being written back: run the restore again");
        // 6. v2 keys
        int written = 0;
        Optional<byte[]> v2 = archive.entry(BackupArchive.ETCD_V2);
        if (v2.isPresent()) {
            written = writeV2(plan, new String(v2.get(), StandardCharsets.UTF_8));
            done.add("wrote " + written + " v2 keys back, read them back: all there");
        }
        plan.members().forEach(m -> interruption.end(m.host()));
        return new RestoreReport(done, written, kept, status(), false);
    }

    /**
     * Swaps the restored member directory in: $1 volume directory on the host, $2 the fresh data
     * directory, $3 the name the old one is kept as, $4 the uploaded snapshot (removed).
     */
    static final String SWAP = "set -e; cd \"$1\"; if [ -e member ]; then mv member \"$3\"; fi;"
            + " mv \"$2/member\" member; rmdir \"$2\"; rm -f \"$4\"";

    private void startAndWait(RestorePlan plan, String oldData) {
        each(plan, s -> {
            progress.step(s.host(), "starting " + s.container());
            hosts.require(s.host()).shell().run(RemoteCommand.of("docker", "start", s.container()))
                    .requireSuccess("start " + s.container());
            return true;
        }, "the restored data is in place; start the containers that did not start (`docker start`) and see"
                + " `docker logs`; " + oldData);
        each(plan, s -> {
            StoreLayout.Member m = layout.member(s.host());
            StoreAnswer a = Poll.until(HEALTH_WAIT, Duration.ofSeconds(1), () -> {
                StoreAnswer x = hosts.require(s.host()).storeProbe().probe(m.endpoint());
                return x.healthy() ? Optional.of(x) : Optional.empty();
            }).orElseGet(() -> hosts.require(s.host()).storeProbe().probe(m.endpoint()));
            if (!a.healthy()) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + s.host() + ": " + m.endpoint()
                        + " is not healthy " + HEALTH_WAIT.toSeconds() + " s after the restore: " + a.detail()
                        + "; see `docker logs " + s.container() + "`");
            }
            progress.step(s.host(), "healthy: " + a.detail());
            return true;
        }, oldData);
    }

    private int writeV2(RestorePlan plan, String dump) {
        List<V2Keys.Entry> entries = V2Keys.entries(dump);
        StoreLayout.Member m = layout.member(plan.members().get(0).host());
        HostHandle h = hosts.require(m.host());
        StoreDialer dialer = dialer(h);
        Optional<TlsExchange.Pem> pem = pem(h);
        progress.step(m.host(), "writing " + entries.size() + " v2 keys back (dockerd's networks)");
        for (V2Keys.Entry e : entries) {
            StoreWire.HttpAnswer a = StoreWire.http(StoreWire.exchange(dialer, pem, m.host(), m.address(), m.clientPort(),
                    V2Keys.putRequest(e, m.endpoint())));
            if (!V2Keys.written(e, a.status(), a.body())) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + m.host() + ": write v2 key " + e.key() + ": HTTP "
                        + a.status() + ": " + firstLine(a.body()).orElse("") + "; the v3 data is restored, the v2 keys"
                        + " only in part: run the restore again");
            }
        }
        List<String> missing = V2Keys.missing(entries, v2Dump(h, m)).stream().map(V2Keys.Entry::key).toList();
        if (!missing.isEmpty()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + m.host() + ": " + missing.size() + " v2 keys are"
                    + " not as written when read back, first " + missing.get(0));
        }
        return entries.size();
    }

    private RestoreReport consulRestore(RestorePlan plan, BackupArchive archive) {
        // Consul restores a snapshot into the running cluster through its leader: one member does it.
        RestoreStep s = plan.members().get(0);
        StoreLayout.Member m = layout.member(s.host());
        HostHandle h = hosts.require(s.host());
        String name = ".ovl-restore-" + restoreId() + ".snap";
        byte[] snap = archive.entry(BackupArchive.CONSUL).orElseThrow();
        try {
            h.shell().run(RemoteCommand.script("umask 077 && cat > \"$1\"", s.volumeSource() + "/" + name)
                    .withStdin(snap)).requireSuccess("upload the snapshot");
            progress.step(s.host(), "consul snapshot restore");
            h.shell().run(Consul.snapshotRestore(m, s.volumePath() + "/" + name)).requireSuccess("consul snapshot restore");
        } finally {
            h.shell().run(RemoteCommand.of("rm", "-f", "--", s.volumeSource() + "/" + name));
        }
        return new RestoreReport(List.of("consul snapshot restore through " + s.host()), 0, Map.of(), status(), false);
    }

    /** Bytes per command when a file is read back: one command's output of 64 MiB broke the session's channel. */
    static final int CHUNK_BLOCKS = 64;
    static final int BLOCK = 64 * 1024;

    /**
     * A file of the host, read in pieces of {@code CHUNK_BLOCKS * BLOCK} bytes, one {@code dd} each:
     * reading ZooKeeper's preallocated 64 MiB transaction log with one {@code cat} ended in sshj's
     * "Window consumed to below 0" on the lab.
     */
    static byte[] readInChunks(HostHandle h, String path) {
        String size = h.shell().run(RemoteCommand.of("stat", "-c", "%s", "--", path)).requireSuccess("stat " + path)
                .stdoutText().strip();
        long bytes;
        try {
            bytes = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + h.name() + ": stat " + path + ": not a size: " + size);
        }
        if (bytes > BackupArchive.MAX_FILE) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + h.name() + ": " + path + " is larger than 1 GiB");
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream((int) bytes);
        for (long block = 0; block * BLOCK < bytes; block += CHUNK_BLOCKS) {
            CommandResult r = h.shell().run(RemoteCommand.of("dd", "if=" + path, "bs=" + BLOCK, "skip=" + block,
                    "count=" + CHUNK_BLOCKS)).requireSuccess("read " + path);
            byte[] piece = r.stdout();
            buf.write(piece, 0, piece.length);
            if (piece.length == 0) {
                break;
            }
        }
        if (buf.size() != bytes) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + h.name() + ": read " + path + ": got " + buf.size()
                    + " of " + bytes + " bytes (did it change meanwhile?)");
        }
        return buf.toByteArray();
    }


    /**
     * ZooKeeper: every server gets the same snapshot and logs, so they agree on one state when they
     * form a quorum again. Per server: upload the backup's files into {@code version-2.ovl-restore-ID}
     * next to each {@code version-2} (data and log volume), stop every server, move each
     * {@code version-2} aside as {@code version-2.ovl-before-restore-ID} and the uploaded one in (an
     * empty one where the backup has no files: old logs must not be replayed over the snapshot),
     * start every server, wait until each answers. {@code myid} is not touched.
     */
    private RestoreReport zookeeperRestore(RestorePlan plan, BackupArchive archive, Interruption interruption) {
        String id = restoreId();
        String fresh = "version-2.ovl-restore-" + id;
        String old = "version-2.ovl-before-restore-" + id;
        List<String> done = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        each(plan, s -> {
            HostHandle h = hosts.require(s.host());
            for (StoreContainerFacts.Mount mount : s.mounts()) {
                String dir = mount.source() + "/" + fresh;
                h.shell().run(RemoteCommand.of("mkdir", "-p", "--", dir)).requireSuccess("create " + dir);
                String prefix = "zookeeper" + mount.destination() + "/version-2/";
                for (Map.Entry<String, byte[]> e : archive.entries().entrySet()) {
                    if (e.getKey().startsWith(prefix) && e.getKey().indexOf('/', prefix.length()) < 0) {
                        String file = e.getKey().substring(prefix.length());
                        progress.step(s.host(), "uploading " + file + " (" + e.getValue().length + " bytes) into "
                                + mount.volume());
                        h.shell().run(RemoteCommand.script("cat > \"$1\"", dir + "/" + file).withStdin(e.getValue()))
                                .requireSuccess("upload " + file);
                    }
                }
                // The server may run as another user (the official image's "zookeeper"): same owner as before.
                h.shell().run(RemoteCommand.script("if [ -d \"$2\" ]; then chown -R --reference=\"$2\" \"$1\"; fi",
                        dir, mount.source() + "/version-2")).requireSuccess("chown " + dir);
            }
            return true;
        }, "nothing was changed but the uploaded directories " + fresh + " in the data volumes");
        if (interruption.requested()) {
            return notStarted(plan, s -> s.mounts().stream().map(m -> m.source() + "/" + fresh).toList());
        }
        done.add(stopEveryMember(plan, interruption));
        if (interruption.requested()) {
            return startedAgain(plan, interruption,
                    s -> s.mounts().stream().map(m -> m.source() + "/" + fresh).toList());
        }
        inFlight(plan, interruption, "store container stopped, data being swapped (old data kept as " + old
                + "): run the restore again");
        each(plan, s -> {
            HostHandle h = hosts.require(s.host());
            for (StoreContainerFacts.Mount mount : s.mounts()) {
                h.shell().run(RemoteCommand.script("set -e; cd \"$1\"; if [ -e version-2 ]; then mv version-2 \"$3\"; fi;"
                        + " mv \"$2\" version-2", mount.source(), fresh, old)).requireSuccess("swap in " + mount.volume());
                synchronized (kept) {
                    kept.merge(s.host(), mount.source() + "/" + old, (a, b) -> a + ", " + b);
                }
            }
            return true;
        }, "store containers are stopped; where the swap was done the old data is at VOLUME/" + old
                + ": move it back to VOLUME/version-2, then `docker start` the containers");
        done.add("put the backup's snapshot and logs in place on every server (old data kept)");
        startAndWait(plan, "the old data is at VOLUME/" + old);
        done.add("every server answers");
        plan.members().forEach(m -> interruption.end(m.host()));
        return new RestoreReport(done, 0, kept, status(), false);
    }

    /** Every restore's second step: each member's container stopped, its old data still in place. */
    private String stopEveryMember(RestorePlan plan, Interruption interruption) {
        inFlight(plan, interruption, "store container stopping (old data in place): `docker start` it");
        each(plan, s -> {
            progress.step(s.host(), "stopping " + s.container());
            hosts.require(s.host()).shell().run(RemoteCommand.of("docker", "stop", s.container()))
                    .requireSuccess("stop " + s.container());
            return true;
        }, "some store containers may be stopped: `docker start` them to go on with the old data");
        return "stopped " + plan.members().size() + " store container(s)";
    }

    /** Marks every member's step in flight with {@code state}, for what a second interrupt prints. */
    private static void inFlight(RestorePlan plan, Interruption interruption, String state) {
        plan.members().forEach(m -> interruption.at(m.host(), state));
    }

    /** Interrupted after the upload: the uploaded files go, nothing else was changed. */
    private RestoreReport notStarted(RestorePlan plan, Function<RestoreStep, List<String>> uploaded) {
        each(plan, s -> {
            List<String> rm = new ArrayList<>(List.of("rm", "-rf", "--"));
            rm.addAll(uploaded.apply(s));
            hosts.require(s.host()).shell().run(RemoteCommand.of(rm));
            return true;
        }, "nothing was changed; uploaded files may be left in the data volumes");
        return new RestoreReport(List.of("interrupted before any member was stopped: nothing was changed"), 0,
                Map.of(), status(), true);
    }

    /** Interrupted while the members were being stopped: they are started again on their old data. */
    private RestoreReport startedAgain(RestorePlan plan, Interruption interruption,
                                       Function<RestoreStep, List<String>> uploaded) {
        startAndWait(plan, "the old data is in place");
        plan.members().forEach(m -> interruption.end(m.host()));
        RestoreReport r = notStarted(plan, uploaded);
        return new RestoreReport(List.of("interrupted after the members were stopped: started again on their old"
                + " data"), 0, Map.of(), r.after(), true);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code work} on every member at once; any failure is exit 4 with {@code whereThingsStand}. */
    private void each(RestorePlan plan, Function<RestoreStep, Boolean> work, String whereThingsStand) {
        List<HostResult<Boolean>> results = hosts.parallel().forEach(plan.members(), RestoreStep::host, work);
        List<String> failed = new ArrayList<>();
        List<String> failedHosts = new ArrayList<>();
        for (HostResult<Boolean> r : results) {
            if (r.error().isPresent()) {
                failed.add(r.error().get().getMessage());
                failedHosts.add(r.host());
            }
        }
        if (!failed.isEmpty()) {
            throw new OvlException(ExitCode.HOST_FAILED, String.join("; ", failed) + ". Where things stand: "
                    + whereThingsStand, failedHosts, null);
        }
    }

    private StoreContainerFacts inspect(HostHandle h, StoreLayout.Member m) {
        CommandResult r = h.shell().run(StoreContainerFacts.inspect(m.container()));
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + m.host() + ": no store container " + m.container()
                    + " (" + firstLine(r.stderrText()).orElse("docker inspect failed") + ")");
        }
        return StoreContainerFacts.parse(r.stdoutText());
    }

    /** The member's first named volume (its data): volume name to path inside the container. */
    private static Map.Entry<String, String> dataVolume(StoreLayout.Member m) {
        return m.volumes().entrySet().stream().findFirst()
                .orElseThrow(() -> new OvlException(ExitCode.SOFTWARE, m.container() + " has no data volume in its spec"));
    }

    private static StoreDialer dialer(HostHandle h) {
        return h.storeDialer().orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED, "host " + h.name()
                + ": cannot open a stream to the store from here"));
    }

    private Optional<TlsExchange.Pem> pem(HostHandle h) {
        return topology.kvStore().flatMap(s -> s.tls()).map(t -> StoreChannelProbe.readPem(h.files(), t, h.name()));
    }

    private static boolean containerMissing(CommandResult r) {
        String err = r.stderrText();
        return !r.succeeded() && r.stdoutText().isBlank()
                && (err.contains("No such container") || err.contains("is not running"));
    }

    private static Optional<String> firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }

    private String restoreId() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
    }

    private static String token() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
