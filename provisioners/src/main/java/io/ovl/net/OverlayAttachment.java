package io.ovl.net;

import java.util.Objects;

/** A container on {@code host} attached to the overlay network {@code network} (running or stopped). */
public record OverlayAttachment(String host, String container, String network) {
    public OverlayAttachment {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(network, "network");
    }

    @Override
    public String toString() {
        return container + " (" + network + ")";
    }
}
