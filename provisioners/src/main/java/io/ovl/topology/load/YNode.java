package io.ovl.topology.load;

import java.util.List;
import java.util.Optional;

/**
 * The YAML document as a tree in which every node keeps where it was written. Jackson's data
 * binding forgets positions, so we bind from this tree instead.
 */
sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
    Position position();

    /** What a person would call this node in an error message. */
    String describe();

    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    record YScalar(Position position, String text, Kind kind) implements YNode {
        @Override
        public String describe() {
            return kind == Kind.NULL ? "an empty value" : kind.name().toLowerCase() + " '" + text + "'";
        }
    }

    record YEntry(String key, Position keyPosition, YNode value) {
    }

    record YMap(Position position, List<YEntry> entries) implements YNode {
        public YMap {
            entries = List.copyOf(entries);
        }

        Optional<YEntry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YList(Position position, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
