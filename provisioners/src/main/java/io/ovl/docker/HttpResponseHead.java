package io.ovl.docker;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Status line and headers of one HTTP response. Header names compare case-insensitively, as HTTP
 * says; values keep their order of arrival.
 */
record HttpResponseHead(int statusCode, String reason, Map<String, List<String>> headers) {

    HttpResponseHead {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), HttpResponseHead::concat));
        headers = Collections.unmodifiableMap(copy);
    }

    /** All values of a header, in order; empty when absent. */
    List<String> values(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The first value of a header. */
    Optional<String> first(String name) {
        return values(name).stream().findFirst();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
