package io.ovl.topology.load;

import io.ovl.topology.load.YNode.YEntry;
import io.ovl.topology.load.YNode.YList;
import io.ovl.topology.load.YNode.YMap;
import io.ovl.topology.load.YNode.YScalar;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key path ("hosts[2].ssh.port") was written, so a rule that only sees the model can
 * still name a line and column. A scalar points at its value; a mapping or list at its key.
 */
public final class SourceMap {
    private final Map<String, Position> positions = new HashMap<>();

    private SourceMap() {
    }

    public static SourceMap empty() {
        return new SourceMap();
    }

    static SourceMap of(Optional<YNode> root) {
        SourceMap map = new SourceMap();
        root.ifPresent(r -> map.walk("", r.position(), r));
        return map;
    }

    private void walk(String path, Position keyAt, YNode node) {
        positions.put(path, node instanceof YScalar ? node.position() : keyAt);
        if (node instanceof YMap m) {
            for (YEntry e : m.entries()) {
                walk(KeyPath.child(path, e.key()), e.keyPosition(), e.value());
            }
        } else if (node instanceof YList l) {
            for (int i = 0; i < l.items().size(); i++) {
                YNode item = l.items().get(i);
                walk(KeyPath.index(path, i), item.position(), item);
            }
        }
    }

    /** The position of the path, or of its nearest written ancestor (a missing key points at its parent). */
    public Position positionOf(String path) {
        for (String p = path; ; p = KeyPath.parent(p)) {
            Position at = positions.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return Position.START;
            }
        }
    }
}
