package io.ovl.render;

import io.ovl.core.HostPort;
import io.ovl.topology.KvBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What dockerd 20.10 needs to join a kv-mode overlay: --cluster-store, --cluster-advertise and,
 * for TLS, --cluster-store-opt. Used for both the systemd drop-in and the daemon.json keys.
 *
 * @param storeEndpoints "HOST:PORT" of every store node (dockerd's libkv tries them in order)
 * @param storePath      the key prefix in the store, e.g. "network" (no leading slash)
 * @param advertise      an interface name or IP, as --cluster-advertise takes it
 * @param advertisePort  the port in --cluster-advertise; Docker's guides use 2376, 0 is accepted
 */
public record ClusterSettings(KvBackend backend, List<String> storeEndpoints, String storePath, String advertise,
                              int advertisePort, Optional<StoreTls> tls) {

    // Host names, IPv4 and bracketed IPv6 with a port: values end up in unit files and URLs.
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):\\d{1,5}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    // An interface name ("eth0", "ens3.100", "br-lan") or an IP literal; nothing a unit file could misread.
    private static final Pattern ADVERTISE = Pattern.compile("[A-Za-z0-9._@-]+|[0-9A-Fa-f:.]+");

    public ClusterSettings {
        storeEndpoints = List.copyOf(storeEndpoints);
        if (storeEndpoints.isEmpty()) {
            throw new IllegalArgumentException("the cluster store needs at least one HOST:PORT");
        }
        for (String e : storeEndpoints) {
            if (!ENDPOINT.matcher(e).matches()) {
                throw new IllegalArgumentException("cluster store endpoint must be HOST:PORT, got '" + e + "'");
            }
        }
        if (!PATH.matcher(storePath).matches()) {
            throw new IllegalArgumentException("cluster store path must be like 'network' (no leading '/'), got '"
                    + storePath + "'");
        }
        if (!ADVERTISE.matcher(advertise).matches()) {
            throw new IllegalArgumentException("advertise must be an interface name or an IP, got '" + advertise + "'");
        }
        if (advertisePort < 0 || advertisePort > 65535) {
            throw new IllegalArgumentException("advertise port out of range: " + advertisePort);
        }
    }

    /** "etcd://198.18.0.10:2379,198.18.0.12:2379/network". */
    public String storeUrl() {
        return backend.scheme() + "://" + String.join(",", storeEndpoints) + "/" + storePath;
    }

    /** "eth0:2376"; an IPv6 literal is bracketed. */
    public String advertiseValue() {
        return HostPort.of(advertise, advertisePort);
    }

    /** The dockerd flags, in the order the drop-in appends them. */
    public List<String> dockerdFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("--cluster-store=" + storeUrl());
        flags.add("--cluster-advertise=" + advertiseValue());
        tls.ifPresent(t -> t.storeOpts().forEach(o -> flags.add("--cluster-store-opt=" + o)));
        return List.copyOf(flags);
    }
}
