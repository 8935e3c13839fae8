package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.EngineVersion;
import io.ovl.topology.Mode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Swarm mode: engines of different major versions in one swarm. Docker supports mixed versions only
 * during a rolling upgrade; the lab saw 20.10 and 26 work together, so this is a warning on the
 * hosts below the newest major version.
 */
public final class SwarmEngineVersions implements Check {
    @Override
    public String name() {
        return "swarm.engine-versions";
    }

    @Override
    public String description() {
        return "swarm mode: every overlay host runs the same major Docker Engine version";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.WARNING;
    }

    @Override
    public List<Finding> evaluate(DoctorContext context) {
        Map<String, EngineVersion> versions = new TreeMap<>();
        for (GatheredHost h : context.reachedHosts()) {
            h.facts().dockerInfo().value().map(DockerInfo::serverVersion).filter(v -> h.host().overlay())
                    .ifPresent(v -> versions.put(h.name(), v));
        }
        Optional<Integer> newest = versions.values().stream().map(EngineVersion::major).max(Integer::compare);
        return context.hosts().stream().map(h -> verdict(context, h, versions, newest).on(h.name())).toList();
    }

    private static Finding verdict(DoctorContext context, GatheredHost h, Map<String, EngineVersion> versions,
                                   Optional<Integer> newest) {
        if (context.topology().mode() != Mode.SWARM) {
            return Finding.skip("not swarm mode");
        }
        EngineVersion v = versions.get(h.name());
        if (v == null) {
            return Finding.skip(h.host().overlay() ? "engine version unknown (see docker.version)" : "not an overlay host");
        }
        if (v.major() == newest.orElse(v.major())) {
            return Finding.pass(v.raw());
        }
        String newer = versions.entrySet().stream().filter(e -> e.getValue().major() == newest.get())
                .map(e -> e.getKey()).collect(Collectors.joining(", "));
        return Finding.warn("Engine " + v.raw() + ", while " + newer + " run " + newest.get() + ".x; Docker supports"
                + " mixed versions in a swarm only during a rolling upgrade", "upgrade Docker Engine on this host");
    }
}
