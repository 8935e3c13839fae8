package io.ovl.kvmode;

import io.ovl.core.OvlException;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.SystemdUnit;
import io.ovl.hosts.HostHandle;
import io.ovl.kv.StoreAnswer;
import io.ovl.render.DockerdDropIn;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link HostState} from one host, read-only. A command that fails makes only its own fact
 * unknown, with the reason, so the plan can name exactly what is missing.
 */
public final class StateReader {
    private StateReader() {
    }

    /**
     * @param storeContainer the KV container to look for on this host, if it is a store host
     * @param storeEndpoints the endpoints to probe from this host (empty: no probe)
     */
    public static HostState read(HostHandle host, Optional<String> storeContainer, List<String> storeEndpoints) {
        RemoteShell shell = host.shell();
        Fact<Optional<StoreContainer>> store = storeContainer.map(name -> inspect(shell, name))
                .orElse(Fact.known(Optional.empty()));
        List<StoreAnswer> answers = new ArrayList<>();
        for (String endpoint : storeEndpoints) {
            answers.add(host.storeProbe().probe(endpoint));
        }
        Fact<SystemdUnit> unit = Fact.of(shell, StateCommands.DOCKER_UNIT, SystemdUnit::parseCat);
        return new HostState(
                host.name(),
                Fact.of(shell, StateCommands.DOCKER_INFO, DockerInfo::parse),
                unit,
                daemonJson(shell),
                dropIn(host),
                Fact.of(shell, StateCommands.RUNNING_CONTAINERS, out -> (int) out.lines().filter(l -> !l.isBlank()).count()),
                store,
                Fact.of(shell, StateCommands.NETWORKS, DockerNetwork::parseInspect),
                answers,
                unit.isKnown() ? Fact.unknown("not read: docker.service runs dockerd") : initScript(host));
    }

    /** Only where docker.service cannot be read: a host without systemd, or one ovl cannot handle. */
    private static Fact<InitScriptDocker> initScript(HostHandle host) {
        try {
            List<String> args = InitScriptDocker.parseArgs(host.name(), host.shell().run(InitScriptDocker.READ));
            Optional<String> backup = host.files().readFile(DaemonJson.PATH + RemoteFiles.BACKUP_SUFFIX)
                    .map(b -> new String(b, StandardCharsets.UTF_8));
            return Fact.known(new InitScriptDocker(args, backup));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    static Set<String> names(String out) {
        Set<String> names = new LinkedHashSet<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
        return Set.copyOf(names);
    }

    private static Fact<Optional<StoreContainer>> inspect(RemoteShell shell, String name) {
        try {
            CommandResult r = shell.run(StateCommands.inspectContainer(name));
            if (!r.succeeded() && r.stderrText().contains("No such container")) {
                return Fact.known(Optional.empty());
            }
            return Fact.of(r, out -> Optional.of(StoreContainer.parseInspect(out)));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static Fact<Optional<String>> daemonJson(RemoteShell shell) {
        try {
            CommandResult r = shell.run(StateCommands.DAEMON_JSON);
            if (r.exitCode() == StateCommands.NO_DAEMON_JSON) {
                return Fact.known(Optional.empty());
            }
            return Fact.of(r, Optional::of);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static Fact<Optional<String>> dropIn(HostHandle host) {
        try {
            return Fact.known(host.files().readFile(DockerdDropIn.PATH)
                    .map(b -> new String(b, StandardCharsets.UTF_8)));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }


}
