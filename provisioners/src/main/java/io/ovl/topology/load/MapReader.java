package io.ovl.topology.load;

import io.ovl.topology.Keyed;
import io.ovl.topology.load.YNode.Kind;
import io.ovl.topology.load.YNode.YEntry;
import io.ovl.topology.load.YNode.YList;
import io.ovl.topology.load.YNode.YMap;
import io.ovl.topology.load.YNode.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, located access to one mapping of the file. On creation it reports every key not valid at
 * this spot (with the closest valid key as a hint); each getter reports a value of the wrong type
 * and returns empty, so the caller falls back to a default and binding continues.
 */
final class MapReader {
    private final YMap map;
    private final String path;
    private final BindContext ctx;

    MapReader(YNode node, String path, BindContext ctx, List<String> validKeys) {
        this.path = path;
        this.ctx = ctx;
        if (node instanceof YMap m) {
            this.map = m;
        } else {
            this.map = new YMap(node.position(), List.of());
            if (!(node instanceof YScalar s && s.kind() == Kind.NULL)) { // "ssh:" with nothing means "no keys"
                ctx.error(path, node.position(), "expected a mapping of keys (" + String.join(", ", validKeys)
                        + ") but found " + node.describe());
            }
        }
        for (YEntry e : map.entries()) {
            if (!validKeys.contains(e.key())) {
                String hint = DidYouMean.suggest(e.key(), validKeys)
                        .map(k -> "did you mean '" + k + "'?")
                        .orElse("valid keys here: " + String.join(", ", validKeys));
                ctx.error(KeyPath.child(path, e.key()), e.keyPosition(), "unknown key", hint);
            }
        }
    }

    String path(String key) {
        return KeyPath.child(path, key);
    }

    Position position() {
        return map.position();
    }

    Optional<YNode> node(String key) {
        return map.entry(key).map(YEntry::value);
    }

    boolean has(String key) {
        return map.entry(key).isPresent();
    }

    Optional<String> string(String key) {
        return node(key).flatMap(n -> scalarText(n, path(key), "a string"));
    }

    Optional<Integer> integer(String key, int min, int max) {
        Optional<YNode> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!(n.get() instanceof YScalar s) || s.kind() != Kind.INTEGER) {
            return wrongType(key, n.get(), "a whole number");
        }
        long v;
        try {
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            return wrongType(key, s, "a whole number");
        }
        if (v < min || v > max) {
            ctx.error(path(key), s.position(), v + " is out of range", "use a number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of((int) v);
    }

    Optional<Boolean> bool(String key) {
        Optional<YNode> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof YScalar s && s.kind() == Kind.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text().toLowerCase()));
        }
        return wrongType(key, n.get(), "true or false");
    }

    Optional<Duration> duration(String key) {
        Optional<YNode> n = node(key);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parseChecked(text.get()));
        } catch (Durations.DurationException e) {
            ctx.error(path(key), n.get().position(), e.getMessage(), e.fix());
            return Optional.empty();
        }
    }

    <E extends Enum<E> & Keyed> Optional<E> choice(String key, Class<E> type) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> value = Keyed.fromKey(type, text.get());
        if (value.isEmpty()) {
            List<String> keys = Arrays.stream(type.getEnumConstants()).map(Keyed::key).toList();
            ctx.error(path(key), node(key).get().position(), "'" + text.get() + "' is not valid here",
                    DidYouMean.suggest(text.get(), keys).map(k -> "did you mean '" + k + "'?")
                            .orElse("use one of: " + Keyed.allKeys(type)));
        }
        return value;
    }

    /** A list of strings; each item's path is "key[i]". */
    Optional<List<Read<String>>> stringList(String key) {
        Optional<YNode> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!(n.get() instanceof YList l)) {
            return wrongType(key, n.get(), "a list");
        }
        List<Read<String>> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            YNode item = l.items().get(i);
            String itemPath = KeyPath.index(path(key), i);
            scalarText(item, itemPath, "a string").ifPresent(t -> out.add(new Read<>(t, itemPath, item.position())));
        }
        return Optional.of(out);
    }

    /**
     * One value or a list of them, as Docker's repeatable flags ("subnet: 10.1.0.0/24" or
     * "subnet: [10.1.0.0/24, fd00:1::/64]"); a single value's path is "key", a list item's "key[i]".
     */
    List<Read<String>> oneOrMore(String key) {
        Optional<YNode> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof YList) {
            return stringList(key).orElse(List.of());
        }
        return scalarText(n.get(), path(key), "a string or a list of strings")
                .map(t -> List.of(new Read<>(t, path(key), n.get().position()))).orElse(List.of());
    }

    /** A mapping of names to scalar values (labels, aux-addresses), in the order written. */
    Map<String, Read<String>> stringMap(String key) {
        Map<String, Read<String>> out = new LinkedHashMap<>();
        Optional<YNode> n = node(key);
        if (n.isEmpty() || (n.get() instanceof YScalar s && s.kind() == Kind.NULL)) {
            return out;
        }
        if (!(n.get() instanceof YMap m)) {
            wrongType(key, n.get(), "a mapping of name: value");
            return out;
        }
        for (YEntry e : m.entries()) {
            String entryPath = KeyPath.child(path(key), e.key());
            scalarText(e.value(), entryPath, "a value").ifPresent(t -> out.put(e.key(), new Read<>(t, entryPath, e.value().position())));
        }
        return out;
    }

    private Optional<String> scalarText(YNode n, String at, String expected) {
        if (n instanceof YScalar s && s.kind() != Kind.NULL) {
            return Optional.of(s.text());
        }
        ctx.error(at, n.position(), "expected " + expected + " but found " + n.describe());
        return Optional.empty();
    }

    private <T> Optional<T> wrongType(String key, YNode n, String expected) {
        ctx.error(path(key), n.position(), "expected " + expected + " but found " + n.describe());
        return Optional.empty();
    }

    /** A value with the path and position it was read from, for checks that come after reading. */
    record Read<T>(T value, String path, Position position) {
    }
}
