package io.ovl.doctor;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One fact gathered from a host: its value, or why it is not known (the command failed, its
 * output did not parse). Checks turn an unknown fact into a failure or a skip with that reason,
 * so a missing tool is reported once, where it matters, instead of aborting the host.
 */
public sealed interface Fact<T> {

    record Known<T>(T get) implements Fact<T> {
        public Known {
            Objects.requireNonNull(get, "get");
        }
    }

    record Unknown<T>(String why) implements Fact<T> {
        public Unknown {
            Objects.requireNonNull(why, "why");
        }
    }

    static <T> Fact<T> known(T value) {
        return new Known<>(value);
    }

    static <T> Fact<T> unknown(String why) {
        return new Unknown<>(why);
    }

    default Optional<T> value() {
        return this instanceof Known<T> k ? Optional.of(k.get()) : Optional.empty();
    }

    default boolean isKnown() {
        return this instanceof Known;
    }

    /** Why the fact is unknown; empty when it is known. */
    default String why() {
        return this instanceof Unknown<T> u ? u.why() : "";
    }

    default <R> Fact<R> map(Function<T, R> f) {
        return this instanceof Known<T> k ? new Known<>(f.apply(k.get())) : new Unknown<>(why());
    }
}
