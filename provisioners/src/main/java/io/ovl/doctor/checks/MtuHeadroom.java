package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.HostInterface;
import io.ovl.topology.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * VXLAN adds 50 bytes to every packet over an IPv4 underlay (outer IPv4 20, UDP 8, VXLAN 8, inner
 * Ethernet 14) and 70 over an IPv6 one (outer IPv6 header 40); an overlay MTU above the underlay's
 * MTU minus that means large packets are dropped or fragmented (small pings work, big transfers
 * hang). The family is the one of the address VXLAN is sent to, the host's advertise address.
 * Docker's default 1450 so does not fit a 1500 underlay over IPv6.
 */
public final class MtuHeadroom extends HostLocalCheck {
    static final int VXLAN_OVERHEAD = 50;
    static final int VXLAN_OVERHEAD_IPV6 = 70;
    /** Docker's overlay MTU when the network sets none: 1500 minus the VXLAN overhead. */
    static final int DOCKER_DEFAULT_OVERLAY_MTU = 1450;

    @Override
    public String name() {
        return "mtu.headroom";
    }

    @Override
    public String description() {
        return "the underlay MTU leaves the 50 bytes VXLAN needs (70 over IPv6) above every overlay network's MTU";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (!host.host().overlay()) {
            return Finding.skip("not an overlay host");
        }
        Fact<AdvertiseAddress> adv = AdvertiseAddress.resolve(host.host(), host.facts());
        if (adv.value().isEmpty() || adv.value().get().iface().isEmpty()) {
            return Finding.skip("underlay interface unknown (see advertise.address)");
        }
        HostInterface underlay = adv.value().get().iface().get();
        boolean ipv6 = adv.value().get().ip().contains(":");
        int room = underlay.mtu() - overhead(adv.value().get().ip());
        List<String> tooBig = new ArrayList<>();
        List<String> defaultTooBig = new ArrayList<>();
        for (NetworkSpec n : context.topology().networks()) {
            int mtu = n.mtu().orElse(DOCKER_DEFAULT_OVERLAY_MTU);
            if (mtu > room) {
                (n.mtu().isPresent() ? tooBig : defaultTooBig).add(n.name() + " (MTU " + mtu + ")");
            }
        }
        String where = "underlay " + underlay.name() + " has MTU " + underlay.mtu() + ", room for overlay MTU " + room
                + (ipv6 ? " (VXLAN over IPv6 takes 70 bytes)" : "");
        if (!tooBig.isEmpty()) {
            return Finding.fail(where + "; too big: " + String.join(", ", tooBig),
                    "set `mtu: " + room + "` (or less) on those networks, or raise the underlay MTU");
        }
        if (!defaultTooBig.isEmpty()) {
            return Finding.warn(where + "; Docker's default overlay MTU " + DOCKER_DEFAULT_OVERLAY_MTU
                    + " is too big for: " + String.join(", ", defaultTooBig), "set `mtu: " + room + "` on those networks");
        }
        return Finding.pass(where);
    }

    /** The bytes VXLAN adds when its packets go to {@code vtep}: 70 for an IPv6 literal, else 50. */
    static int overhead(String vtep) {
        return vtep.contains(":") ? VXLAN_OVERHEAD_IPV6 : VXLAN_OVERHEAD;
    }
}
