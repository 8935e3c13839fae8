package io.ovl.store;

import io.ovl.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * etcdctl (v3 API) inside a store container, as argument vectors: {@code docker exec -e
 * ETCDCTL_API=3 CONTAINER etcdctl ...}. Never a shell string: every value stays one argument.
 * The binary sits next to etcd in the image (upstream images and the lab's local/etcd:3.4 have
 * both in /usr/local/bin), so its path is taken from the spec's command.
 */
public final class Etcdctl {
    private Etcdctl() {
    }

    /** "/usr/local/bin/etcdctl" for a spec whose command starts "/usr/local/bin/etcd", else "etcdctl". */
    public static String binary(List<String> program) {
        String etcd = program.isEmpty() ? "" : program.get(0);
        return etcd.startsWith("/") && etcd.endsWith("/etcd") ? etcd + "ctl" : "etcdctl";
    }

    /** The flags that reach {@code endpoints}, with the store's TLS files (mounted at the same paths) when it has them. */
    static List<String> client(StoreLayout layout, List<String> endpoints) {
        List<String> args = new ArrayList<>();
        args.add("--endpoints=" + String.join(",", endpoints));
        args.add("--dial-timeout=3s");
        args.add("--command-timeout=10s");
        layout.tls().ifPresent(t -> {
            args.add("--cacert=" + t.caCertFile());
            args.add("--cert=" + t.certFile());
            args.add("--key=" + t.keyFile());
        });
        return args;
    }

    /** etcdctl in the running container of {@code member}, asking {@code endpoints}. */
    public static RemoteCommand exec(StoreLayout layout, StoreLayout.Member member, List<String> endpoints,
                                     String... args) {
        List<String> argv = new ArrayList<>(List.of("docker", "exec", "-e", "ETCDCTL_API=3", member.container(),
                binary(member.program())));
        argv.addAll(client(layout, endpoints));
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv);
    }

    public static RemoteCommand endpointStatus(StoreLayout layout, StoreLayout.Member on) {
        return exec(layout, on, layout.clientUrls(), "endpoint", "status", "-w", "json");
    }

    public static RemoteCommand endpointHealth(StoreLayout layout, StoreLayout.Member on) {
        return exec(layout, on, layout.clientUrls(), "endpoint", "health", "-w", "json");
    }

    public static RemoteCommand memberList(StoreLayout layout, StoreLayout.Member on) {
        return exec(layout, on, layout.clientUrls(), "member", "list", "-w", "json");
    }

    /** A snapshot of the member's own v3 backend, saved at {@code path} inside its container. */
    public static RemoteCommand snapshotSave(StoreLayout layout, StoreLayout.Member member, String path) {
        return exec(layout, member, List.of(layout.clientScheme() + "://" + member.endpoint()), "snapshot", "save", path);
    }

    /**
     * {@code etcdctl snapshot restore} in a one-off container of the store's image (the member's
     * own container is stopped), with the member's data volume mounted: a fresh data directory at
     * {@code dataDir} for member {@code identity}, in the same cluster (members, token) as before.
     */
    public static RemoteCommand snapshotRestore(String image, String volume, String volumePath, String etcdctl,
                                                String snapshot, String dataDir, EtcdIdentity identity) {
        return RemoteCommand.of("docker", "run", "--rm", "--network", "none", "-e", "ETCDCTL_API=3",
                "-v", volume + ":" + volumePath, "--entrypoint", etcdctl, image,
                "snapshot", "restore", snapshot,
                "--name=" + identity.name(),
                "--data-dir=" + dataDir,
                "--initial-cluster=" + identity.initialCluster(),
                "--initial-cluster-token=" + identity.token(),
                "--initial-advertise-peer-urls=" + identity.peerUrls());
    }
}
