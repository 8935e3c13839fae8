package io.ovl.provision;

import io.ovl.kv.StoreAnswer;
import io.ovl.core.OvlException;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.SystemdUnit;
import io.ovl.render.DockerdDropIn;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    public static HostState read(ProvisionHost host, Optional<String> storeContainer, List<String> storeEndpoints) {
        RemoteShell shell = host.shell();
        Fact<Optional<StoreContainer>> store = storeContainer.map(name -> inspect(shell, name))
                .orElse(Fact.known(Optional.empty()));
        List<StoreAnswer> answers = new ArrayList<>();
        for (String endpoint : storeEndpoints) {
            answers.add(host.storeProbe().probe(endpoint));
        }
        return new HostState(
                host.name(),
                run(shell, StateCommands.DOCKER_INFO, DockerInfo::parse),
                run(shell, StateCommands.DOCKER_UNIT, SystemdUnit::parseCat),
                daemonJson(shell),
                dropIn(host),
                run(shell, StateCommands.RUNNING_CONTAINERS, out -> (int) out.lines().filter(l -> !l.isBlank()).count()),
                store,
                run(shell, StateCommands.NETWORKS, DockerNetwork::parseInspect),
                answers);
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
            return fact(r, out -> Optional.of(StoreContainer.parseInspect(out)));
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
            return fact(r, Optional::of);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static Fact<Optional<String>> dropIn(ProvisionHost host) {
        try {
            return Fact.known(host.files().readFile(DockerdDropIn.PATH)
                    .map(b -> new String(b, StandardCharsets.UTF_8)));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static <T> Fact<T> run(RemoteShell shell, RemoteCommand command, Function<String, T> parse) {
        try {
            return fact(shell.run(command), parse);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static <T> Fact<T> fact(CommandResult r, Function<String, T> parse) {
        if (!r.succeeded()) {
            String err = r.stderrText().strip();
            String first = err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("");
            return Fact.unknown("`" + r.command().toShellString() + "` exited with status " + r.exitCode() + first);
        }
        try {
            return Fact.known(parse.apply(r.stdoutText()));
        } catch (RuntimeException e) {
            return Fact.unknown(e.getMessage());
        }
    }
}
