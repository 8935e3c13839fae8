package io.ovl.net;

import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.ParallelHosts;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ovl net create} on live hosts (the spec is already valid offline):
 * <ol>
 *   <li>read every overlay host's networks, interfaces and routes;</li>
 *   <li>refuse, changing nothing, on any overlap, existing name or unreadable host;</li>
 *   <li>create it once, on the first reached candidate of the mode's {@link CreatePlacement};</li>
 *   <li>wait until every overlay host lists it; report those that do not.</li>
 * </ol>
 * Interrupted ({@link Interruption}) before step 3: not created, nothing changed. After it: the
 * create in flight finishes, the wait of step 4 is skipped, and the report says where it was
 * created and that the other hosts were not checked.
 */
public final class NetCreate {
    private final OpenHosts hosts;
    private final ParallelHosts parallel;
    private final VisibilityWait visibility;
    private final ChangeProgress progress;

    public NetCreate(OpenHosts hosts, ParallelHosts parallel, VisibilityWait visibility, ChangeProgress progress) {
        this.hosts = hosts;
        this.parallel = parallel;
        this.visibility = visibility;
        this.progress = progress;
    }

    /** Steps 1 and 2 alone: what would block the create (read-only). */
    public CreateCheck check(NetworkSpec spec) {
        Map<String, HostNetFacts> facts = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>(hosts.unreachable());
        for (HostResult<HostNetFacts> r : parallel.forEach(hosts.reached(), Function.identity(),
                h -> HostNetFacts.read(h, hosts.require(h).shell()))) {
            r.value().ifPresent(f -> facts.put(r.host(), f));
            r.error().ifPresent(e -> unreachable.put(r.host(), e.getMessage()));
        }
        return CreateCheck.decide(spec, hosts.names(), facts, unreachable);
    }

    /**
     * @param candidates hosts that may create it, in order ({@link CreatePlacement#candidates})
     * @param mustSee    hosts that must list it afterwards ({@link CreatePlacement#mustSee})
     */
    public CreateReport create(NetworkSpec spec, List<String> candidates, List<String> mustSee) {
        return create(spec, candidates, mustSee, Interruption.none());
    }

    public CreateReport create(NetworkSpec spec, List<String> candidates, List<String> mustSee,
                               Interruption interruption) {
        CreateCheck check = check(spec);                                                      // 1
        if (check.blocked()) {                                                                // 2
            return CreateReport.blocked(spec, check);
        }
        Optional<String> on = candidates.stream().filter(c -> hosts.get(c).isPresent()).findFirst();
        if (on.isEmpty()) {
            return new CreateReport(spec, check, Optional.empty(), List.of(), mustSee,
                    Optional.of("no host that may create it was reached (candidates: " + candidates + ")"));
        }
        if (!interruption.begin(on.get(), "creating network " + spec.name() + " (it may exist now)")) {
            return new CreateReport(spec, check, Optional.empty(), List.of(), mustSee,
                    Optional.of("not created: interrupted before creating it; nothing was changed"), true);
        }
        CommandResult r;
        try {
            progress.step(on.get(), "creating overlay network " + spec.name());               // 3
            r = hosts.require(on.get()).shell().run(RemoteCommand.of(DockerNetworkCreate.args(spec)));
        } finally {
            interruption.end(on.get());
        }
        if (!r.succeeded()) {
            return new CreateReport(spec, check, Optional.empty(), List.of(), mustSee, Optional.of(
                    "host " + on.get() + ": docker network create " + spec.name() + ": " + r.stderrText().strip()),
                    interruption.requested());
        }
        if (interruption.requested()) {
            return new CreateReport(spec, check, on, List.of(), mustSee, Optional.empty(), true);
        }
        VisibilityWait.Visibility v = visibility.until(spec.name(), true, mustSee);           // 4
        return new CreateReport(spec, check, on, v.done(), v.notDone(), Optional.empty(), interruption.requested());
    }

}
