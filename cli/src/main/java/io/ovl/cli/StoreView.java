package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.store.MemberStatus;
import io.ovl.store.StoreOps;
import io.ovl.store.StoreStatus;
import java.util.Map;

/** Text and JSON of the {@code ovl store} commands. */
final class StoreView {
    private StoreView() {
    }

    static String statusText(StoreStatus s, Style style) {
        StringBuilder sb = new StringBuilder();
        sb.append("store ").append(s.backend().key()).append(", ").append(s.members().size()).append(" member")
                .append(s.members().size() == 1 ? "" : "s").append(s.askedOn().map(h -> " (asked through " + h + ")")
                        .orElse("")).append('\n');
        int hw = Math.max(4, s.members().stream().mapToInt(m -> m.host().length()).max().orElse(4));
        int ew = Math.max(8, s.members().stream().mapToInt(m -> m.endpoint().length()).max().orElse(8));
        String row = "%-" + hw + "s  %-" + ew + "s  %s  %-10s  %-8s  %-9s  %s";
        sb.append(String.format(row, "HOST", "ENDPOINT", "HEALTH   ", "ROLE", "VERSION", "SIZE", "DETAIL").stripTrailing())
                .append('\n');
        for (MemberStatus m : s.members()) {
            // Padded before painting, so colour codes do not shift the columns.
            String health = m.healthy() ? style.ok("healthy") + "  " : style.error("UNHEALTHY");
            sb.append(String.format(row, m.host(), m.endpoint(), health, m.role(), m.version().orElse("-"),
                    m.sizeBytes().map(StoreView::size).orElse("-"), m.detail()).stripTrailing()).append('\n');
        }
        s.notes().forEach(n -> sb.append(style.warning("note: " + n)).append('\n'));
        long healthy = s.members().stream().filter(MemberStatus::healthy).count();
        sb.append("leader: ").append(s.leader().orElse("none")).append("; ").append(healthy).append(" of ")
                .append(s.members().size()).append(" members healthy").append('\n');
        return sb.toString();
    }

    static ObjectNode statusJson(StoreStatus s) {
        ObjectNode root = Json.object();
        root.put("backend", s.backend().key());
        root.put("healthy", s.healthy());
        root.put("leader", s.leader().orElse(null));
        root.put("asked-on", s.askedOn().orElse(null));
        ArrayNode members = root.putArray("members");
        for (MemberStatus m : s.members()) {
            ObjectNode o = members.addObject();
            o.put("host", m.host());
            o.put("endpoint", m.endpoint());
            o.put("healthy", m.healthy());
            o.put("role", m.role());
            o.put("version", m.version().orElse(null));
            if (m.sizeBytes().isPresent()) {
                o.put("size-bytes", m.sizeBytes().get());
            } else {
                o.putNull("size-bytes");
            }
            o.put("detail", m.detail());
        }
        s.notes().forEach(root.putArray("notes")::add);
        if (s.notes().isEmpty()) {
            root.putArray("notes");
        }
        return root;
    }

    static String backupText(StoreOps.BackupResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("wrote ").append(r.file()).append(" (").append(size(r.bytes())).append(") from ").append(r.takenOn())
                .append('\n');
        r.entries().forEach((name, bytes) -> sb.append("  ").append(name).append("  ").append(bytes).append(" bytes\n"));
        r.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        sb.append("sha256 ").append(r.sha256()).append("  ").append(r.file().getFileName()).append('\n');
        return sb.toString();
    }

    static ObjectNode backupJson(StoreOps.BackupResult r) {
        ObjectNode root = Json.object();
        root.put("file", r.file().toString());
        root.put("sha256", r.sha256());
        root.put("bytes", r.bytes());
        root.put("taken-on", r.takenOn());
        ObjectNode entries = root.putObject("entries");
        r.entries().forEach(entries::put);
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }

    static String planText(StoreOps.RestorePlan p, String file) {
        StringBuilder sb = new StringBuilder();
        sb.append("restore ").append(file).append(" (").append(p.backend().key()).append(", taken on ")
                .append(p.backupTakenOn()).append(" at ").append(p.backupCreated()).append(") onto ")
                .append(p.members().size()).append(" member(s):\n");
        for (StoreOps.RestoreStep s : p.members()) {
            sb.append("  ").append(s.host()).append(": ");
            if (s.identity().isPresent()) {
                sb.append("stop ").append(s.container()).append(", etcdctl snapshot restore as member ")
                        .append(s.identity().get().name()).append(" (cluster token ").append(s.identity().get().token())
                        .append(") into a fresh data directory in volume ").append(s.volume())
                        .append(", keep the old one as member.ovl-before-restore-TIME, start")
                        .append(s.running() ? "" : " (it is stopped now)");
            } else if (p.backend() == io.ovl.topology.KvBackend.ZOOKEEPER) {
                sb.append("stop ").append(s.container()).append(", put the backup's snapshot and logs in place of")
                        .append(" version-2 in ").append(s.mounts().stream().map(m -> m.volume()).toList())
                        .append(", keep the old ones as version-2.ovl-before-restore-TIME, start")
                        .append(s.running() ? "" : " (it is stopped now)");
            } else {
                sb.append("consul snapshot restore through ").append(s.container());
            }
            sb.append('\n');
        }
        if (p.v2Keys() > 0) {
            sb.append("  then write ").append(p.v2Keys()).append(" v2 keys back (dockerd's overlay networks) and read"
                    + " them back\n");
        }
        if (p.backend() != io.ovl.topology.KvBackend.CONSUL) {
            sb.append("The store is down from the first stop until every member is healthy again: no overlay network"
                    + " can be created or joined meanwhile.\n");
        }
        return sb.toString();
    }

    static ObjectNode planJson(StoreOps.RestorePlan p) {
        ObjectNode root = Json.object();
        root.put("backend", p.backend().key());
        root.put("backup-created", p.backupCreated().toString());
        root.put("backup-taken-on", p.backupTakenOn());
        root.put("v2-keys", p.v2Keys());
        ArrayNode members = root.putArray("members");
        for (StoreOps.RestoreStep s : p.members()) {
            ObjectNode o = members.addObject();
            o.put("host", s.host());
            o.put("container", s.container());
            o.put("volume", s.volume());
            o.put("volume-dir", s.volumeSource());
            o.put("member-name", s.identity().map(i -> i.name()).orElse(null));
            o.put("running", s.running());
        }
        return root;
    }

    static String reportText(StoreOps.RestoreReport r, Style style) {
        StringBuilder sb = new StringBuilder();
        r.steps().forEach(s -> sb.append("  ").append(s).append('\n'));
        r.oldDataKeptAt().forEach((h, p) -> sb.append("  ").append(h).append(": old data kept at ").append(p).append('\n'));
        sb.append(statusText(r.after(), style));
        sb.append(r.interrupted() ? style.warning("restore interrupted; the store was not rewritten") + "\n"
                : r.after().healthy() ? "restore done.\n" : style.error("restore done, but the store is not healthy") + "\n");
        return sb.toString();
    }

    static ObjectNode reportJson(StoreOps.RestoreReport r) {
        ObjectNode root = Json.object();
        r.steps().forEach(root.putArray("steps")::add);
        root.put("v2-keys-written", r.v2KeysWritten());
        root.put("interrupted", r.interrupted());
        ObjectNode kept = root.putObject("old-data-kept-at");
        for (Map.Entry<String, String> e : r.oldDataKeptAt().entrySet()) {
            kept.put(e.getKey(), e.getValue());
        }
        root.set("status", statusJson(r.after()));
        return root;
    }

    /** "20 KiB", "1.5 MiB", "512 B". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 10 || v == Math.floor(v) ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
    }
}
