package io.ovl.doctor;

import io.ovl.core.Finding;
import io.ovl.facts.Fact;
import java.util.List;

/**
 * A check that looks at one host at a time. Hosts that were not reached are skipped here, once,
 * so subclasses only see hosts with facts.
 */
public abstract class HostLocalCheck implements Check {

    @Override
    public final List<Finding> evaluate(DoctorContext context) {
        return context.hosts().stream()
                .map(h -> (h.reached() ? evaluate(context, h) : Finding.skip("host not reached (see ssh.reachable)"))
                        .on(h.name()))
                .toList();
    }

    /** The verdict on one reached host; the caller puts it on the host. */
    protected abstract Finding evaluate(DoctorContext context, GatheredHost host);

    /** The verdict for a fact this check needs but could not get. */
    protected static Finding missing(String what, Fact<?> fact) {
        return Finding.fail("could not read " + what + ": " + fact.why(),
                "fix the command on the host (see the message), then run ovl doctor again");
    }
}
