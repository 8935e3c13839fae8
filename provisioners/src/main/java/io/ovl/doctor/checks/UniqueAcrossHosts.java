package io.ovl.doctor.checks;

import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostFacts;
import io.ovl.doctor.HostVerdict;
import io.ovl.doctor.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value that must differ on every host (hostname, engine ID): each host that shares its value
 * with another fails, naming the others.
 */
abstract class UniqueAcrossHosts implements Check {

    /** The value, e.g. the hostname. */
    abstract Function<HostFacts, Fact<String>> value();

    /** "hostname", "engine ID" */
    abstract String what();

    abstract String hint();

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    public List<HostVerdict> evaluate(DoctorContext context) {
        Map<String, List<String>> hostsByValue = new LinkedHashMap<>();
        for (GatheredHost h : context.reachedHosts()) {
            value().apply(h.facts()).value().ifPresent(v -> hostsByValue.computeIfAbsent(v, k -> new ArrayList<>()).add(h.name()));
        }
        List<HostVerdict> out = new ArrayList<>();
        for (GatheredHost h : context.hosts()) {
            Fact<String> v = value().apply(h.facts());
            Verdict verdict;
            if (!h.reached()) {
                verdict = Verdict.skip("host not reached (see ssh.reachable)");
            } else if (v.value().isEmpty()) {
                verdict = Verdict.skip(what() + " unknown: " + v.why());
            } else {
                List<String> others = hostsByValue.get(v.value().get()).stream().filter(n -> !n.equals(h.name())).toList();
                verdict = others.isEmpty()
                        ? Verdict.pass(what() + " " + v.value().get() + " is unique")
                        : Verdict.fail(what() + " " + v.value().get() + " is also the " + what() + " of "
                                + String.join(", ", others), hint());
            }
            out.add(new HostVerdict(h.name(), verdict));
        }
        return out;
    }
}
