package io.ovl.doctor.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DaemonJsonConflict;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.topology.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dockerd refuses to start when a setting is both in daemon.json and a flag. Flags come from the
 * docker.service ExecStart (with its drop-ins) and from what ovl's drop-in will add in kv mode; on
 * a host without systemd from the running dockerd's command line (the init script's flags and
 * DOCKER_OPTS), where ovl puts its cluster keys into daemon.json instead of adding flags.
 * Also: a "cluster-store" key in daemon.json on Engine 23+, which that Engine rejects.
 */
public final class DockerdConfigConflict extends HostLocalCheck {
    /** The flags ovl's systemd drop-in gives dockerd in kv mode. */
    static final List<String> KV_DROP_IN_FLAGS = List.of("--cluster-store", "--cluster-advertise");

    @Override
    public String name() {
        return "dockerd.config-conflict";
    }

    @Override
    public String description() {
        return "daemon.json sets nothing that is also a dockerd flag (dockerd refuses to start then)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (host.facts().daemonJson().value().isEmpty()) {
            return missing("/etc/docker/daemon.json", host.facts().daemonJson());
        }
        Optional<String> text = host.facts().daemonJson().value().get();
        if (text.isEmpty()) {
            return Finding.pass("no /etc/docker/daemon.json");
        }
        ObjectNode json;
        try {
            json = DaemonJson.parse(text.get());
        } catch (UnparseableOutputException e) {
            return Finding.fail(e.getMessage(), "fix the JSON syntax of /etc/docker/daemon.json");
        }
        List<String> flags = new ArrayList<>();
        host.facts().dockerUnit().value().ifPresent(u -> flags.addAll(u.effectiveExecStart().arguments()));
        boolean withoutSystemd = host.facts().withoutSystemd();
        if (withoutSystemd) {
            flags.addAll(host.facts().initScriptDockerdArgs().value().get());
        }
        boolean kvHost = context.topology().mode() == Mode.KV && host.host().overlay() && !withoutSystemd;
        if (kvHost) {
            flags.addAll(KV_DROP_IN_FLAGS);
        }
        List<DaemonJsonConflict> conflicts = DaemonJson.conflicts(text.get(), flags);
        if (!conflicts.isEmpty()) {
            return Finding.fail(String.join("; ", conflicts.stream().map(DaemonJsonConflict::describe).toList()),
                    "remove the key" + (conflicts.size() > 1 ? "s" : "") + " from /etc/docker/daemon.json"
                            + (kvHost ? " (ovl sets the cluster flags in its drop-in)" : ""));
        }
        Optional<DockerInfo> info = host.facts().dockerInfo().value();
        if (json.has("cluster-store") && info.isPresent() && !info.get().supportsClusterStore()) {
            return Finding.fail("daemon.json sets \"cluster-store\", which Engine " + info.get().serverVersion().raw()
                    + " rejects (dockerd will not start)", "remove \"cluster-store\" from /etc/docker/daemon.json");
        }
        if (withoutSystemd) {
            return Finding.pass("not a systemd host: daemon.json sets " + json.size() + " key(s), none also on the"
                    + " running dockerd's command line");
        }
        if (host.facts().dockerUnit().value().isEmpty()) {
            return Finding.warn("daemon.json parses, but the dockerd command line is unknown ("
                    + host.facts().dockerUnit().why() + ")", "check `systemctl cat docker` by hand");
        }
        return Finding.pass("daemon.json sets " + json.size() + " key(s), none also given as a flag");
    }
}
