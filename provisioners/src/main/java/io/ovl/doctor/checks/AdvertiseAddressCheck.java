package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.facts.Fact;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;

/**
 * The advertise interface or address exists on the host. dockerd binds overlay control traffic to
 * it; an interface that does not exist stops dockerd (kv mode) or swarm join. Whether peers reach
 * it is proven by ports.reachable, which sends to this address.
 */
public final class AdvertiseAddressCheck extends HostLocalCheck {
    @Override
    public String name() {
        return "advertise.address";
    }

    @Override
    public String description() {
        return "the advertise interface or address exists on the host (peers are probed on it by ports.reachable)";
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
        if (adv.value().isEmpty()) {
            return Finding.fail(adv.why(), "set `advertise:` of this host to an existing interface or one of its addresses");
        }
        AdvertiseAddress a = adv.value().get();
        if (!a.onInterface()) {
            return Finding.warn("address " + a.ip() + " is on no interface of the host (NAT or a proxy?)",
                    "set `advertise:` to the interface or address other hosts reach this one on");
        }
        return Finding.pass(a.ip() + a.iface().map(i -> " on " + i.name()).orElse(""));
    }
}
