package io.ovl.kv;

import java.util.Objects;

/**
 * Whether a KV store endpoint answered its health request when asked through one host.
 *
 * @param endpoint "ADDR:PORT"
 * @param detail   what it said, or why it did not answer
 */
public record StoreAnswer(String endpoint, boolean healthy, String detail) {
    public StoreAnswer {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(detail, "detail");
    }
}
