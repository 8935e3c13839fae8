package io.ovl.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants are written in the topology file as a kebab-case key. */
public interface Keyed {
    String key();

    static <E extends Enum<E> & Keyed> Optional<E> fromKey(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.key().equals(key)).findFirst();
    }

    static <E extends Enum<E> & Keyed> String allKeys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", "));
    }
}
