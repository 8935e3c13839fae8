package io.ovl.kvmode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DaemonJsonConflict;
import io.ovl.facts.DockerInfo;
import io.ovl.render.ClusterSettings;
import io.ovl.render.DaemonJsonMerge;
import io.ovl.topology.Host;
import java.util.List;
import java.util.Optional;

/**
 * init's and reset's plan for a host without systemd, whose dockerd runs from /etc/init.d/docker:
 * ovl's keys go into /etc/docker/daemon.json next to the operator's own (issue #6, step 4). Pure,
 * like {@link Planner}: every decision is a function of the {@link HostState}.
 */
final class DaemonJsonPlanner {
    private DaemonJsonPlanner() {
    }

    /**
     * Merges cluster-store and cluster-advertise into the host's daemon.json. Refuses (a blocker
     * naming host, file and key) when the operator set one of them to another value, and when the
     * running dockerd gets a flag on its command line (DOCKER_OPTS) for a key the file would hold:
     * dockerd refuses to start with both, so the restart would take Docker down.
     */
    static Optional<HostPlan> init(Host host, ClusterLayout layout, HostState s, InitScriptDocker docker,
                                   DockerInfo info, List<Finding> blockers) {
        if (!s.daemonJson().isKnown()) {
            blockers.add(Finding.onHost(host.name(), "daemon-json.read", "cannot read " + DaemonJson.PATH + ": "
                    + s.daemonJson().why()));
            return Optional.empty();
        }
        Optional<String> current = s.daemonJson().value().get();
        DaemonJsonMerge.Result merged;
        try {
            ClusterSettings settings = layout.settingsFor(host);
            merged = DaemonJsonMerge.merge(current.orElse(""), settings);
        } catch (OvlException | IllegalArgumentException e) {
            // DaemonJsonMerge names the file and each conflicting key; invalid JSON names line and column.
            blockers.add(Finding.onHost(host.name(), "daemon-json.keys", e.getMessage()));
            return Optional.empty();
        }
        List<DaemonJsonConflict> clashes = DaemonJson.conflicts(merged.text(), docker.dockerdArgs());
        for (DaemonJsonConflict c : clashes) {
            blockers.add(Finding.onHost(host.name(), "daemon-json.flags", "the running dockerd has " + c.flag()
                    + " on its command line (/etc/default/docker DOCKER_OPTS or /etc/init.d/docker) and "
                    + DaemonJson.PATH + " " + (current.map(DaemonJson::parse).filter(f -> f.has(c.key())).isPresent()
                    ? "sets" : "would get") + " \"" + c.key() + "\"; dockerd refuses to start with both, so a restart"
                    + " would leave Docker down. Remove " + c.flag() + " from DOCKER_OPTS (or the key from the file),"
                    + " restart Docker and run again"));
        }
        if (!clashes.isEmpty()) {
            return Optional.empty();
        }
        List<FileChange> files = merged.changed()
                ? List.of(new FileChange(DaemonJson.PATH, current, Optional.of(merged.text()))) : List.of();
        String expectedAdvertise = layout.expectedAdvertise(host).orElse("");
        boolean storeOk = info.clusterStore().equals(Optional.of(layout.storeUrl()));
        boolean advertiseOk = expectedAdvertise.isEmpty()
                || info.clusterAdvertise().equals(Optional.of(expectedAdvertise));
        String why;
        if (!files.isEmpty()) {
            why = (current.isEmpty() ? "new " : "ovl's keys into ") + DaemonJson.PATH + "; no systemd: restart by"
                    + " /etc/init.d/docker";
        } else if (!storeOk || !advertiseOk) {
            why = DaemonJson.PATH + " has ovl's keys but dockerd runs with cluster-store "
                    + info.clusterStore().orElse("(none)") + ": restart to apply it";
        } else {
            why = "already configured: dockerd runs with " + layout.storeUrl() + " (from " + DaemonJson.PATH + ")";
        }
        boolean restart = !files.isEmpty() || !storeOk || !advertiseOk;
        if (restart && !s.runningContainers().isKnown()) {
            blockers.add(Finding.onHost(host.name(), "containers.count", "cannot tell which containers a restart would"
                    + " stop: " + s.runningContainers().why()));
        }
        return Optional.of(new HostPlan(host.name(), files, restart, why, s.runningContainers().value().orElse(0),
                layout.storeUrl(), expectedAdvertise, DockerService.INIT_SCRIPT));
    }

    /**
     * Takes exactly ovl's keys out of daemon.json. When ovl's backup is what the file is without
     * them, the backup itself goes back (the operator's formatting, byte for byte); when there is no
     * backup and nothing else is left, ovl made the file and removes it; otherwise the file keeps
     * every other key, including any the operator added since init.
     */
    static Optional<HostPlan> reset(Host host, HostState s, InitScriptDocker docker, List<Finding> blockers) {
        if (!s.daemonJson().isKnown()) {
            blockers.add(Finding.onHost(host.name(), "daemon-json.read", "cannot read " + DaemonJson.PATH + ": "
                    + s.daemonJson().why()));
            return Optional.empty();
        }
        Optional<String> current = s.daemonJson().value().get();
        if (current.isEmpty()) {
            return Optional.of(unchanged(host, "no " + DaemonJson.PATH));
        }
        DaemonJsonMerge.Result without;
        try {
            without = DaemonJsonMerge.remove(current.get());
        } catch (OvlException e) {
            blockers.add(Finding.onHost(host.name(), "daemon-json.keys", e.getMessage()));
            return Optional.empty();
        }
        if (!without.changed()) {
            return Optional.of(unchanged(host, DaemonJson.PATH + " has none of ovl's keys"));
        }
        ObjectNode wanted = DaemonJson.parse(without.text());
        Optional<String> after;
        String why;
        if (docker.daemonJsonBackup().filter(b -> sameJson(b, wanted)).isPresent()) {
            after = docker.daemonJsonBackup();
            why = "restore " + DaemonJson.PATH + " from ovl's backup, the file without ovl's keys";
        } else if (docker.daemonJsonBackup().isEmpty() && wanted.isEmpty()) {
            after = Optional.empty();
            why = "remove " + DaemonJson.PATH + " (ovl created it; it holds only ovl's keys)";
        } else {
            after = Optional.of(without.text());
            why = "remove ovl's keys from " + DaemonJson.PATH + ", keep the others";
        }
        if (!s.runningContainers().isKnown()) {
            blockers.add(Finding.onHost(host.name(), "containers.count",
                    "cannot tell which containers a restart would stop: " + s.runningContainers().why()));
        }
        List<FileChange> files = after.equals(current) ? List.of()
                : List.of(new FileChange(DaemonJson.PATH, current, after));
        return Optional.of(new HostPlan(host.name(), files, true, why, s.runningContainers().value().orElse(0), "", "",
                DockerService.INIT_SCRIPT));
    }

    private static HostPlan unchanged(Host host, String why) {
        return new HostPlan(host.name(), List.of(), false, why, 0, "", "", DockerService.INIT_SCRIPT);
    }

    private static boolean sameJson(String text, ObjectNode wanted) {
        try {
            return DaemonJson.parse(text).equals(wanted);
        } catch (OvlException e) {
            return false; // a backup that is not JSON is not the file to restore
        }
    }
}
