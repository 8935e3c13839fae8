package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.BoundSocket;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.OverlayPorts;
import io.ovl.doctor.PortNeed;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports this host must bind are free, or held by what ovl set up there (dockerd for gossip and
 * swarm, the kernel's VXLAN driver for the data port, the store for the store port). Anything
 * else holding them makes dockerd or the store fail to bind.
 */
public final class PortsFree extends HostLocalCheck {
    @Override
    public String name() {
        return "ports.free";
    }

    @Override
    public String description() {
        return "the ports the host must bind (7946, 4789, 2377, the KV port) are free or held by dockerd/the store";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        List<PortNeed> needs = OverlayPorts.needs(context.topology(), host.host());
        if (needs.isEmpty()) {
            return Finding.skip("this host binds no overlay port");
        }
        if (host.facts().sockets().value().isEmpty()) {
            return missing("listening sockets", host.facts().sockets());
        }
        List<BoundSocket> sockets = host.facts().sockets().value().get();
        List<String> taken = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (PortNeed need : needs) {
            List<BoundSocket> holding = sockets.stream()
                    .filter(s -> s.socket().protocol() == need.protocol() && s.socket().port() == need.port()).toList();
            if (holding.isEmpty()) {
                free.add(need.label());
            } else if (holding.stream().allMatch(s -> need.holders().contains(s.process().orElse("")))) {
                ours.add(need.label() + " (" + holding.get(0).holder() + ")");
            } else {
                BoundSocket other = holding.stream()
                        .filter(s -> !need.holders().contains(s.process().orElse(""))).findFirst().orElseThrow();
                taken.add(need.label() + " (" + need.purpose() + ") is held by " + other.holder() + " on " + other.socket());
            }
        }
        if (!taken.isEmpty()) {
            return Finding.fail(String.join("; ", taken),
                    "stop or reconfigure what holds the port (`ss -lntup` shows it); ovl needs it");
        }
        String msg = (free.isEmpty() ? "" : "free: " + String.join(", ", free))
                + (ours.isEmpty() ? "" : (free.isEmpty() ? "" : "; ") + "already in use by the overlay: " + String.join(", ", ours));
        return Finding.pass(msg);
    }
}
