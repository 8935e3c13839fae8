package io.ovl.doctor;

import io.ovl.facts.Fact;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvTls;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the kv-store.tls files are missing on each overlay host (dockerd reads them there, as
 * root) and each host of a store ovl runs (etcd reads them there). Asked over the host's doctor
 * session; nothing is read out of the files.
 */
final class TlsFiles {
    /** Prints every argument that is not a readable regular file, one a line. Paths are data ($@), never code. */
    static final String SCRIPT = "for f in \"$@\"; do [ -f \"$f\" ] && [ -r \"$f\" ] || printf '%s\\n' \"$f\"; done";

    private TlsFiles() {
    }

    static RemoteCommand command(KvTls tls) {
        return RemoteCommand.script(SCRIPT, tls.ca(), tls.cert(), tls.key());
    }

    /** Host name -> the paths missing there; hosts not asked (no TLS, not kv, neither overlay nor store host, not reached) are absent. */
    static Map<String, Fact<List<String>>> read(Topology topology, List<GatheredHost> hosts,
                                                Map<String, RemoteShell> shells, ParallelHosts parallel) {
        Optional<KvTls> tls = topology.mode() == Mode.KV ? topology.kvStore().flatMap(k -> k.tls()) : Optional.empty();
        if (tls.isEmpty()) {
            return Map.of();
        }
        List<String> storeHosts = topology.kvStore().map(k -> k.hosts()).orElse(List.of());
        List<GatheredHost> asked = hosts.stream().filter(h -> h.reached() && shells.containsKey(h.name())
                && (h.host().overlay() || storeHosts.contains(h.name()))).toList();
        List<HostResult<Fact<List<String>>>> results = parallel.forEach(asked, GatheredHost::name,
                h -> Fact.of(shells.get(h.name()), command(tls.get()), TlsFiles::parse));
        Map<String, Fact<List<String>>> out = new LinkedHashMap<>();
        for (HostResult<Fact<List<String>>> r : results) {
            out.put(r.host(), r.value().orElseGet(() -> Fact.unknown(r.error().map(Throwable::getMessage)
                    .orElse("unknown error"))));
        }
        return out;
    }

    static List<String> parse(String out) {
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
