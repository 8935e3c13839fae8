package io.ovl.cli.shell;

import io.ovl.cli.CliEnvironment;
import io.ovl.cli.OvlCommand;
import io.ovl.ssh.CachingSessionPool;
import io.ovl.topology.TopologyLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl shell}: every ovl command at one prompt, with one SSH connection per host kept between them. */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = {
            "An interactive prompt for one topology: type any ovl command without 'ovl'.",
            "",
            "Tab completes commands, options, and host and network names from the topology.",
            "Commands that reach hosts (doctor, init, reset, net) share one SSH connection per",
            "host, kept open for the next command. History is kept between sessions. 'exit' or",
            "Ctrl-D leaves."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl shell -f topology.yaml",
            "  ovl> validate",
            "  ovl> doctor --no-probe"
        })
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Topology for every command in the shell. Default: $OVL_TOPOLOGY, then ./topology.yaml.")
    Path file;

    @Option(names = "--history", paramLabel = "FILE",
            description = "History file. Default: $XDG_STATE_HOME/ovl/history (~/.local/state/ovl/history).")
    Path historyFile;

    @Option(names = "--no-history", description = "Keep no history on disk.")
    boolean noHistory;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = OvlCommand.environmentOf(spec);
        Path topology = env.workingDir().resolve(
                TopologyLocator.locate(Optional.ofNullable(file), env.env(), env.workingDir())).toAbsolutePath();
        TopologyWatch names = new TopologyWatch(topology);
        try (CachingSessionPool pool = CachingSessionPool.fromSystem();
                Terminal terminal = TerminalBuilder.builder().name("ovl").system(true).build()) {
            // Every command in the shell reads this topology (as $OVL_TOPOLOGY) and this pool.
            CommandLine commands = OvlCommand.newCommandLine(
                    env.withVariable(TopologyLocator.ENV, topology.toString()).withSessions(pool));
            commands.getCommandSpec().removeSubcommand("shell");
            TopologyNames known = names.get();
            String banner = "ovl shell: " + topology + " (" + known.hosts().size() + " hosts, "
                    + known.networks().size() + " networks). Tab completes; 'help' lists commands; 'exit' leaves.";
            return new Shell(terminal, commands, names, history(env)).run(banner);
        }
    }

    private Optional<Path> history(CliEnvironment env) {
        if (noHistory) {
            return Optional.empty();
        }
        if (historyFile != null) {
            return Optional.of(historyFile);
        }
        String state = env.env().getOrDefault("XDG_STATE_HOME", "");
        if (!state.isEmpty()) {
            return Optional.of(Path.of(state, "ovl", "history"));
        }
        String home = env.env().getOrDefault("HOME", "");
        return home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home, ".local", "state", "ovl", "history"));
    }
}
