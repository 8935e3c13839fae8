package io.ovl.doctor;

import java.util.List;

/**
 * A check that looks at one host at a time. Hosts that were not reached are skipped here, once,
 * so subclasses only see hosts with facts.
 */
public abstract class HostLocalCheck implements Check {

    @Override
    public final List<HostVerdict> evaluate(DoctorContext context) {
        return context.hosts().stream()
                .map(h -> new HostVerdict(h.name(), h.reached() ? evaluate(context, h)
                        : Verdict.skip("host not reached (see ssh.reachable)")))
                .toList();
    }

    protected abstract Verdict evaluate(DoctorContext context, GatheredHost host);

    /** The verdict for a fact this check needs but could not get. */
    protected static Verdict missing(String what, Fact<?> fact) {
        return Verdict.fail("could not read " + what + ": " + fact.why(),
                "fix the command on the host (see the message), then run ovl doctor again");
    }
}
