package io.ovl.doctor.checks;

import io.ovl.facts.Fact;
import io.ovl.doctor.HostFacts;
import java.util.function.Function;

/** The KV store and swarm key nodes on their hostname: two hosts with one name overwrite each other. */
public final class HostnameUnique extends UniqueAcrossHosts {
    @Override
    public String name() {
        return "host.hostname-unique";
    }

    @Override
    public String description() {
        return "every host has its own hostname (the KV store and swarm key nodes on it)";
    }

    @Override
    Function<HostFacts, Fact<String>> value() {
        return HostFacts::hostname;
    }

    @Override
    String what() {
        return "hostname";
    }

    @Override
    String hint() {
        return "give each host its own name (`hostnamectl set-hostname NAME`), then restart docker";
    }
}
