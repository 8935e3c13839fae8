package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.DoctorProgress;
import io.ovl.doctor.FactGatherer;
import io.ovl.draft.DraftHosts;
import io.ovl.draft.DraftPlanner;
import io.ovl.draft.DraftRenderer;
import io.ovl.draft.DraftSsh;
import io.ovl.draft.HostArgument;
import io.ovl.draft.TopologyDraft;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.SshHostHandle;
import io.ovl.topology.Become;
import io.ovl.topology.LoadResult;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl new topology}: parse, read the hosts' facts, draft, validate, write. */
@Command(
        name = "topology",
        mixinStandardHelpOptions = true,
        description = {
            "Draft a commented topology file from the hosts themselves.",
            "Connects to every HOST over SSH (one session each, in parallel, host keys",
            "checked strictly, ~/.ssh/config applies), reads what doctor reads (kernel,",
            "Docker Engine version, interfaces, routes, Docker networks; nothing is left",
            "changed), and writes a topology that says why for each choice:",
            "  - mode: swarm when any host runs Docker Engine 23 or later (no",
            "    --cluster-store there), kv only when every host runs Engine < 23;",
            "  - advertise: the address of the interface whose routes reach the others;",
            "  - kv: an etcd store on the first HOST; swarm: the first HOST is manager;",
            "  - an example network on a subnet that overlaps nothing seen on any host;",
            "  - REVIEW lines for what to check before `ovl init`.",
            "The file is validated as `ovl validate` does, then written atomically; an",
            "existing file is kept unless --force. Without -o it goes to stdout.",
            "Exit 0 written; 2 bad arguments or the file exists; 3 a host could not be",
            "reached, or no command ran there: nothing written.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # three Debian hosts, user ovl with passwordless sudo:",
            "  ovl new topology --user ovl --become sudo -o topology.yaml \\",
            "      198.18.0.11 198.18.0.12 198.18.0.13",
            "  ovl validate -f topology.yaml && ovl doctor -f topology.yaml",
            "",
            "  # root on port 2222, one host by its ~/.ssh/config alias, own known_hosts:",
            "  ovl new topology --known-hosts ./known_hosts \\",
            "      root@198.18.0.21:2222 docker2 > topology.yaml"
        })
public final class NewTopologyCommand implements Callable<Integer> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER",
            description = "SSH user for every host (USER@HOST overrides it); default: ~/.ssh/config, else your user name.")
    String user;

    @Option(names = "--port", paramLabel = "N",
            description = "SSH port for every host (HOST:N overrides it); default: ~/.ssh/config, else 22.")
    Integer port;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "a private key to log in with (repeatable); default: ssh-agent and ~/.ssh/config.")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "host keys besides ~/.ssh/known_hosts.")
    Path knownHosts;

    @Option(names = "--become", paramLabel = "sudo|none", defaultValue = "none",
            description = "how privileged commands run: none (log in as root) or sudo (passwordless `sudo -n`). Default: ${DEFAULT-VALUE}.")
    String become;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE",
            description = "write the topology here (atomically); default: stdout.")
    Path outputFile;

    @Option(names = "--force", description = "overwrite FILE when it exists.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "HOST",
            description = "[USER@]HOST[:PORT] (IPv6: [ADDR]:PORT): an address, DNS name or ~/.ssh/config alias. "
                    + "The first one runs the store (kv) or is the manager (swarm).")
    List<String> hostArgs = new ArrayList<>();

    @Override
    public Integer call() {
        CliEnvironment env = OvlCommand.environmentOf(spec);
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be 1-65535, got " + port);
        }
        Become how = switch (become) {
            case "sudo" -> Become.SUDO;
            case "none" -> Become.NONE;
            default -> throw new ParameterException(spec.commandLine(), "--become must be sudo or none, got '" + become + "'");
        };
        List<HostArgument> hosts = hostArgs.stream().map(HostArgument::parse).toList();
        Optional<Path> target = Optional.ofNullable(outputFile).map(p -> absolute(env, p));
        target.ifPresent(this::refuseExisting);
        DraftSsh ssh = new DraftSsh(Optional.ofNullable(user), Optional.ofNullable(port),
                identities.stream().map(p -> absolute(env, p)).toList(),
                Optional.ofNullable(knownHosts).map(p -> absolute(env, p)), how);

        Topology reach = DraftHosts.reachable(hosts, ssh);
        List<DraftPlanner.SeenHost> seen;
        try (CommandSessions sessions = CommandSessions.of(spec)) {
            // Paths are absolute already: the anchor only matters for a relative one, and there is none.
            Path anchor = target.orElse(absolute(env, Path.of("topology.yaml")));
            seen = DraftHosts.gather(hosts, reach, SshHostHandle.fromPool(reach, anchor, sessions.pool()),
                    new ParallelHosts(), new FactGatherer(Clock.systemUTC()), new Progress(err));
        }
        TopologyDraft draft = DraftPlanner.plan(seen);
        String label = target.map(Path::toString).orElse("topology.yaml");
        String text = DraftRenderer.render(draft, ssh, outputFile == null ? "topology.yaml" : outputFile.toString(),
                "ovl " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                DATE.format(Clock.systemUTC().instant())) + "\n";

        Path dir = target.map(Path::getParent).orElse(absolute(env, Path.of(".")));
        LoadResult loaded = new TopologyLoader().parse(label, text, dir);
        if (!loaded.valid()) {
            err.print(new ProblemReport(loaded).text(new Style(false)));
            err.flush();
            throw new OvlException(ExitCode.CHECKS_FAILED, "the drafted topology does not validate (above); nothing"
                    + " written: edit the hosts or write it by hand (this is a limit or bug of ovl new topology)");
        }
        if (target.isPresent()) {
            write(target.get(), text);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        err.println("ovl: " + target.map(p -> "wrote " + p).orElse("drafted") + ": mode " + draft.mode().key()
                + ", " + draft.hosts().size() + " host(s)"
                + draft.store().map(s -> ", etcd store on " + s.host() + ":" + s.port()).orElse("")
                + draft.network().map(n -> ", example network " + n.name() + " " + n.subnet()).orElse("")
                + "; review the lines marked REVIEW, then: ovl doctor -f " + label);
        err.flush();
        return ExitCode.OK.code();
    }

    private static Path absolute(CliEnvironment env, Path p) {
        return env.workingDir().resolve(p).toAbsolutePath().normalize();
    }

    private void refuseExisting(Path file) {
        if (Files.isDirectory(file)) {
            throw new OvlException(ExitCode.USAGE, file + " is a directory; give -o the path of a file");
        }
        if (Files.exists(file) && !force) {
            throw new OvlException(ExitCode.USAGE, file + " exists; pass --force to overwrite it, or choose another -o FILE");
        }
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OvlException(ExitCode.USAGE, "directory " + dir + " does not exist; create it first");
        }
    }

    /** A temporary file next to {@code file}, then a rename: readers see the old file or the whole new one. */
    private void write(Path file, String text) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: keep what it made.
            }
            if (force) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A file that appeared meanwhile is still not overwritten: a hard link fails if it exists.
                try {
                    Files.createLink(file, tmp);
                    Files.delete(tmp);
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE); // checked before connecting
                }
            }
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw new OvlException(ExitCode.USAGE, file + " exists; pass --force to overwrite it, or choose another -o FILE");
        } catch (AtomicMoveNotSupportedException e) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "cannot replace " + file + " atomically: " + e.getMessage());
        } catch (IOException e) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "cannot write " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort; the error above says what failed.
                }
            }
        }
    }

    /** Progress lines on stderr while hosts are read. */
    private static final class Progress implements DoctorProgress {
        private final PrintWriter err;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void gathering(String host) {
            err.println("new topology: " + host + ": connecting, reading facts");
            err.flush();
        }

        @Override
        public synchronized void gathered(String host, Optional<String> error) {
            err.println("new topology: " + host + ": " + error.map(e -> "not reached: " + e).orElse("facts read"));
            err.flush();
        }
    }
}
