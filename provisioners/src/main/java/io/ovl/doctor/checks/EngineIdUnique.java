package io.ovl.doctor.checks;

import io.ovl.facts.Fact;
import io.ovl.doctor.HostFacts;
import io.ovl.facts.DockerInfo;
import java.util.function.Function;

/** Hosts cloned from one image share dockerd's engine ID, and the overlay confuses them. */
public final class EngineIdUnique extends UniqueAcrossHosts {
    @Override
    public String name() {
        return "docker.engine-id-unique";
    }

    @Override
    public String description() {
        return "every dockerd has its own engine ID (hosts cloned from one image share it)";
    }

    @Override
    Function<HostFacts, Fact<String>> value() {
        return f -> f.dockerInfo().map(DockerInfo::id);
    }

    @Override
    String what() {
        return "engine ID";
    }

    @Override
    String hint() {
        return "on the cloned host: stop docker, remove /etc/docker/key.json (Engine < 23) or"
                + " /var/lib/docker/engine-id, start docker";
    }
}
