package io.ovl.store;

import io.ovl.facts.UnparseableOutputException;
import java.util.List;
import java.util.Optional;

/**
 * Who an etcd member is in its cluster, read from its container's command as {@code ovl init}
 * created it: what {@code etcdctl snapshot restore} needs to rebuild the member's data directory
 * in the same cluster.
 *
 * @param dataDir the data directory inside the container ("/etcd-data")
 */
public record EtcdIdentity(String name, String dataDir, String initialCluster, String token, String peerUrls) {

    /**
     * @param cmd the container's command (Config.Cmd), "--flag=value" words as ovl's template writes them
     * @throws UnparseableOutputException naming the flag that is missing
     */
    public static EtcdIdentity ofCommand(List<String> cmd) {
        return new EtcdIdentity(flag(cmd, "name"), flag(cmd, "data-dir"), flag(cmd, "initial-cluster"),
                flag(cmd, "initial-cluster-token"), flag(cmd, "initial-advertise-peer-urls"));
    }

    private static String flag(List<String> cmd, String name) {
        Optional<String> v = Optional.empty();
        for (int i = 0; i < cmd.size(); i++) {
            String w = cmd.get(i);
            if (w.startsWith("--" + name + "=")) {
                v = Optional.of(w.substring(name.length() + 3));
            } else if (w.equals("--" + name) && i + 1 < cmd.size()) {
                v = Optional.of(cmd.get(i + 1));
            }
        }
        return v.filter(s -> !s.isEmpty()).orElseThrow(() -> new UnparseableOutputException(
                "the etcd container's command has no --" + name + "; was it created by ovl init?"));
    }
}
