package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostFacts;
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
    public List<Finding> evaluate(DoctorContext context) {
        Map<String, List<String>> hostsByValue = new LinkedHashMap<>();
        for (GatheredHost h : context.reachedHosts()) {
            value().apply(h.facts()).value().ifPresent(v -> hostsByValue.computeIfAbsent(v, k -> new ArrayList<>()).add(h.name()));
        }
        List<Finding> out = new ArrayList<>();
        for (GatheredHost h : context.hosts()) {
            Fact<String> v = value().apply(h.facts());
            Finding verdict;
            if (!h.reached()) {
                verdict = Finding.skip("host not reached (see ssh.reachable)");
            } else if (v.value().isEmpty()) {
                verdict = Finding.skip(what() + " unknown: " + v.why());
            } else {
                List<String> others = hostsByValue.get(v.value().get()).stream().filter(n -> !n.equals(h.name())).toList();
                verdict = others.isEmpty()
                        ? Finding.pass(what() + " " + v.value().get() + " is unique")
                        : Finding.fail(what() + " " + v.value().get() + " is also the " + what() + " of "
                                + String.join(", ", others), hint());
            }
            out.add(verdict.on(h.name()));
        }
        return out;
    }
}
