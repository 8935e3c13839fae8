package io.ovl.topology.load;

import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshOverrides;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmSettings;
import io.ovl.topology.Topology;
import io.ovl.topology.load.YNode.YList;
import io.ovl.topology.load.YNode.YMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * YAML text to a draft {@link Topology} plus the problems met on the way (syntax, unknown keys,
 * wrong types). The draft is built even when there are problems, with defaults in their place,
 * so that the semantic rules can run too and the user sees every problem at once. It is a draft:
 * only {@code TopologyLoader} decides whether it may be used.
 */
public final class TopologyReader {
    static final List<String> KEYS = List.of("version", "mode", "ssh", "kv-store", "swarm", "hosts", "networks");

    private TopologyReader() {
    }

    /** The draft (absent when the text is not YAML or not a mapping), the problems, and where each key was written. */
    public record Result(Optional<Topology> draft, List<Located> problems, SourceMap sourceMap) {
    }

    /**
     * @param baseDir the topology file's directory: relative paths in the file start there
     * @param home the user's home directory, for paths starting with ~
     */
    public static Result read(String text, Path baseDir, Path home) {
        YamlTreeReader.Result tree = YamlTreeReader.read(text);
        SourceMap sourceMap = SourceMap.of(tree.root());
        if (tree.root().isEmpty()) {
            return new Result(Optional.empty(), tree.problems(), sourceMap);
        }
        BindContext ctx = new BindContext(baseDir, home);
        tree.problems().forEach(l -> ctx.report(l.finding(), l.position()));
        YNode root = tree.root().get();
        if (!(root instanceof YMap)) {
            ctx.error("", root.position(), "expected a mapping with keys " + String.join(", ", KEYS)
                    + " but found " + root.describe(), "start from one of the examples in examples/");
            return new Result(Optional.empty(), ctx.problems(), sourceMap);
        }
        Topology draft = bind(new MapReader(root, "", ctx, KEYS), ctx);
        return new Result(Optional.of(draft), ctx.problems(), sourceMap);
    }

    private static Topology bind(MapReader m, BindContext ctx) {
        int version = m.integer("version", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(Topology.CURRENT_VERSION);
        if (version != Topology.CURRENT_VERSION) {
            ctx.error("version", m.node("version").get().position(), "unsupported version " + version,
                    "this ovl reads version " + Topology.CURRENT_VERSION);
        }
        // Without a readable mode, guess from the sections present so the other rules still run
        // without complaining about a kv-store the user never meant to need.
        Mode mode = m.choice("mode", Mode.class).orElse(m.has("kv-store") ? Mode.KV : Mode.SWARM);
        if (!m.has("mode")) {
            ctx.error("mode", m.position(), "missing required key 'mode'",
                    "add 'mode: kv' (external key-value store) or 'mode: swarm'");
        }
        SshSettings ssh = SshSettings.DEFAULTS.merge(
                m.node("ssh").map(n -> SshBinder.read(n, "ssh", ctx)).orElse(SshOverrides.NONE));
        Optional<KvStore> kv = m.node("kv-store").map(n -> KvStoreBinder.read(n, "kv-store", ctx));
        Optional<SwarmSettings> swarm = m.node("swarm").map(n -> SwarmBinder.read(n, "swarm", ctx));
        List<Host> hosts = list(m, "hosts", ctx, (n, p) -> HostBinder.read(n, p, ssh, ctx));
        List<NetworkSpec> networks = list(m, "networks", ctx, (n, p) -> NetworkBinder.read(n, p, ctx));
        return new Topology(version, mode, ssh, kv, swarm, hosts, networks);
    }

    private static <T> List<T> list(MapReader m, String key, BindContext ctx, BiFunction<YNode, String, T> item) {
        Optional<YNode> node = m.node(key);
        List<T> out = new ArrayList<>();
        if (node.isEmpty()) {
            return out;
        }
        if (!(node.get() instanceof YList l)) {
            if (!(node.get() instanceof YNode.YScalar s && s.kind() == YNode.Kind.NULL)) {
                ctx.error(key, node.get().position(), "expected a list ('- name: ...' entries) but found "
                        + node.get().describe());
            }
            return out;
        }
        for (int i = 0; i < l.items().size(); i++) {
            out.add(item.apply(l.items().get(i), KeyPath.index(key, i)));
        }
        return out;
    }
}
