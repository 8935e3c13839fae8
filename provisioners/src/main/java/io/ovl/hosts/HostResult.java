package io.ovl.hosts;

import io.ovl.core.OvlException;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one host: its value, or the error that stopped it. Errors stay per host so one
 * dead host does not hide the others' results.
 */
public sealed interface HostResult<T> {

    /** Topology name of the host. */
    String host();

    boolean succeeded();

    /** The value, if the host succeeded. */
    Optional<T> value();

    /** The error, if the host failed. */
    Optional<OvlException> error();

    record Succeeded<T>(String host, T result) implements HostResult<T> {
        public Succeeded {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(result, "result (use Optional or a unit value instead of null)");
        }

        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public Optional<T> value() {
            return Optional.of(result);
        }

        @Override
        public Optional<OvlException> error() {
            return Optional.empty();
        }
    }

    record Failed<T>(String host, OvlException cause) implements HostResult<T> {
        public Failed {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }

        @Override
        public Optional<OvlException> error() {
            return Optional.of(cause);
        }
    }
}
