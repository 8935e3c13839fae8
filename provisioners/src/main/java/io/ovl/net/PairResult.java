package io.ovl.net;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of one ordered pair: from the probe on {@code from} to the probe on {@code to}.
 *
 * @param outcomes one per check that applies to the pair ({@link ProbeCheck#IPV4}, and
 *                 {@link ProbeCheck#IPV6} on a network with IPv6), in {@link ProbeCheck} order
 */
public record PairResult(String from, String to, Map<ProbeCheck, Outcome> outcomes) {
    public PairResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        outcomes = java.util.Collections.unmodifiableMap(outcomes.isEmpty() ? new EnumMap<>(ProbeCheck.class)
                : new EnumMap<>(outcomes));
    }

    /**
     * The pair with one outcome per check of {@code checks}: what the script reported, and a failure
     * "no result" for a check it did not report (it died, or a tool is missing in the image).
     */
    public static PairResult of(String from, String to, Set<ProbeCheck> checks, Map<ProbeCheck, Outcome> reported) {
        EnumMap<ProbeCheck, Outcome> all = new EnumMap<>(ProbeCheck.class);
        for (ProbeCheck c : checks) {
            all.put(c, reported.getOrDefault(c, new Outcome(false, "no result")));
        }
        return new PairResult(from, to, all);
    }

    /**
     * ok, or why not ("no answer", "resolved to nothing", "no probe on h3: ...").
     *
     * @param tries   how many times the check was tried (1 for checks that are not retried)
     * @param seconds how long the tries took, whole seconds as the probe's clock counts them
     */
    public record Outcome(boolean ok, String detail, int tries, long seconds) {
        public Outcome {
            Objects.requireNonNull(detail, "detail");
            if (tries < 1 || seconds < 0) {
                throw new IllegalArgumentException("tries " + tries + ", seconds " + seconds);
            }
        }

        /** A check tried once. */
        public Outcome(boolean ok, String detail) {
            this(ok, detail, 1, 0);
        }

        /** Passed, but only after a retry: the pair works, yet something was slow or flaky. */
        public boolean passedAfterRetry() {
            return ok && tries > 1;
        }

        /** "after 3 tries, 17 s". */
        public String timing() {
            return "after " + tries + (tries == 1 ? " try, " : " tries, ") + seconds + " s";
        }
    }

    /** Every check of the pair failed for the same reason (e.g. a probe that did not start). */
    static PairResult allFailed(String from, String to, Set<ProbeCheck> checks, String why) {
        Map<ProbeCheck, Outcome> m = new EnumMap<>(ProbeCheck.class);
        for (ProbeCheck c : checks) {
            m.put(c, new Outcome(false, why));
        }
        return new PairResult(from, to, m);
    }

    public boolean ok() {
        return outcomes.values().stream().allMatch(Outcome::ok);
    }

    /** Checks that passed only after a retry, as "dns ok after 3 tries, 17 s"; not a failure of the pair. */
    public List<String> warnings() {
        return outcomes.entrySet().stream().filter(e -> e.getValue().passedAfterRetry())
                .map(e -> e.getKey().label() + " ok " + e.getValue().timing()).toList();
    }

    public List<ProbeCheck> failed() {
        return outcomes.entrySet().stream().filter(e -> !e.getValue().ok()).map(Map.Entry::getKey).toList();
    }
}
