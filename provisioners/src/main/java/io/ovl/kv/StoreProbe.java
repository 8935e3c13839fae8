package io.ovl.kv;

import io.ovl.kv.StoreAnswer;
/**
 * Asks a KV store endpoint for its health from one host's point of view (the TCP connection
 * starts on that host), so "the store answers from every Docker host" is proven where dockerd
 * will connect from, without needing curl or nc there.
 */
@FunctionalInterface
public interface StoreProbe {
    /** Never throws for an unreachable store: that is an unhealthy answer with the reason. */
    StoreAnswer probe(String endpoint);
}
