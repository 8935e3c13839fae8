package io.ovl.net;

import io.ovl.core.OvlException;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.HostInterface;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.Route;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the overlap check needs from one host, read with doctor's commands and parsers: its Docker
 * networks, interfaces and IPv4 and IPv6 routes. A command that fails leaves its fact unknown with the reason.
 */
public record HostNetFacts(String host, Fact<List<DockerNetwork>> dockerNetworks,
                           Fact<List<HostInterface>> interfaces, Fact<List<Route>> routes) {

    static final RemoteCommand IP6_ROUTE = RemoteCommand.of("ip", "-j", "-6", "route");

    static HostNetFacts read(String host, RemoteShell shell) {
        Fact<List<Route>> v4 = run(shell, NetCommands.IP_ROUTE, out -> IpJson.parseRoute(out, IpFamily.INET));
        Fact<List<Route>> v6 = run(shell, IP6_ROUTE, out -> IpJson.parseRoute(out, IpFamily.INET6));
        // A host without IPv6 prints an error for -6; its IPv4 routes are still all there is to check.
        Fact<List<Route>> routes = v4.map(r4 -> {
            List<Route> all = new ArrayList<>(r4);
            all.addAll(v6.value().orElse(List.of()));
            return List.copyOf(all);
        });
        return new HostNetFacts(host,
                run(shell, NetCommands.NETWORKS, DockerNetwork::parseInspect),
                run(shell, NetCommands.IP_ADDR, IpJson::parseAddr),
                routes);
    }

    private static <T> Fact<T> run(RemoteShell shell, RemoteCommand command, Function<String, T> parse) {
        try {
            CommandResult r = shell.run(command);
            if (!r.succeeded()) {
                return Fact.unknown("`" + command.toShellString() + "` exited with status " + r.exitCode()
                        + r.stderrText().strip().lines().findFirst().map(l -> ": " + l).orElse(""));
            }
            return Fact.known(parse.apply(r.stdoutText()));
        } catch (OvlException | IllegalArgumentException e) {
            return Fact.unknown(e.getMessage());
        }
    }
}
