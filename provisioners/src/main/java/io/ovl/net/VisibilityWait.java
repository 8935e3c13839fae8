package io.ovl.net;

import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.change.Poll;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits until every overlay host lists a network (after create) or no longer lists it (after rm).
 * In kv mode a change reaches the other hosts through the store, and in swarm mode through the
 * managers: neither is instant, so each host is asked again until the wait is over.
 */
public final class VisibilityWait {
    private final OpenHosts hosts;
    private final ParallelHosts parallel;
    private final Duration wait;
    private final Duration interval;
    private final ChangeProgress progress;

    public VisibilityWait(OpenHosts hosts, ParallelHosts parallel, Duration wait, Duration interval, ChangeProgress progress) {
        this.hosts = hosts;
        this.parallel = parallel;
        this.wait = wait;
        this.interval = interval;
        this.progress = progress;
    }

    /** Hosts that reached the wanted state and those that did not (unreachable hosts never do). */
    public record Visibility(List<String> done, List<String> notDone) {
        public Visibility {
            done = List.copyOf(done);
            notDone = List.copyOf(notDone);
        }
    }

    /** Asks {@code attempt} again, within this wait, until it answers: for other steps that wait on the same propagation. */
    public <T> Optional<T> poll(Supplier<Optional<T>> attempt) {
        return Poll.until(wait, interval, attempt);
    }

    /** {@link #until(String, boolean, List)} on every overlay host. */
    public Visibility until(String network, boolean present) {
        return until(network, present, hosts.names());
    }

    /** Polls each of {@code which} until it lists ({@code present}) or no longer lists {@code network}. */
    public Visibility until(String network, boolean present, List<String> which) {
        List<String> reached = which.stream().filter(h -> hosts.get(h).isPresent()).toList();
        List<HostResult<Boolean>> results = parallel.forEach(reached, Function.identity(), h ->
                Poll.until(wait, interval, () -> {
                    CommandResult r = hosts.require(h).shell().run(NetCommands.OVERLAY_NAMES);
                    boolean listed = r.succeeded() && r.stdoutText().lines().map(String::strip).anyMatch(network::equals);
                    return r.succeeded() && listed == present ? Optional.of(true) : Optional.empty();
                }).orElse(false));
        List<String> done = new ArrayList<>();
        List<String> notDone = new ArrayList<>(which.stream().filter(h -> hosts.get(h).isEmpty()).toList());
        for (HostResult<Boolean> r : results) {
            (r.value().orElse(false) ? done : notDone).add(r.host());
        }
        done.forEach(h -> progress.step(h, (present ? "sees" : "no longer lists") + " network " + network));
        notDone.forEach(h -> progress.step(h, "does NOT " + (present ? "see" : "drop") + " network " + network + " after "
                + wait.toSeconds() + " s"));
        return new Visibility(done, notDone);
    }
}
