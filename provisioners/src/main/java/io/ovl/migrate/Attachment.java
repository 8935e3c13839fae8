package io.ovl.migrate;

import java.util.Objects;

/**
 * A container attached to a kv overlay, as its own host listed it before the migration. Its
 * endpoint dies with the kv network (dockerd restarts without the store, the container stops and
 * cannot start again until it is attached to the swarm network of the same name).
 *
 * @param ipv4    the address without prefix length ("172.16.16.128"), empty when it had none; for a
 *                stopped container the address it was configured with ({@code --ip}), empty when
 *                Docker was to pick one
 * @param stopped true for a container that was not running before the migration (exited or created)
 *                but is configured for the kv network: it is reconnected and left stopped
 */
public record Attachment(String host, String container, String network, String ipv4, boolean stopped) {
    public Attachment {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ipv4, "ipv4");
    }

    /** A running container's attachment. */
    public Attachment(String host, String container, String network, String ipv4) {
        this(host, container, network, ipv4, false);
    }

    /** From an endpoint of {@code docker network inspect} ("172.16.16.128/24" becomes "172.16.16.128"). */
    static Attachment of(String host, String network, io.ovl.net.OverlayNetwork.Endpoint e) {
        String ip = e.ipv4();
        int slash = ip.indexOf('/');
        return new Attachment(host, e.container(), network, slash < 0 ? ip : ip.substring(0, slash));
    }
}
