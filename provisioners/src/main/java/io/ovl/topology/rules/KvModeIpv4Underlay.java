package io.ovl.topology.rules;

import io.ovl.addressing.IpAddress;
import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mode: kv} needs an IPv4 underlay between the overlay hosts: Docker Engine before 25 cannot
 * send VXLAN to IPv6 peers (moby#41691, fixed by moby PR #46790 in Engine 25, which has no
 * {@code --cluster-store} any more). Seen on the lab (Engine 20.10, IPv6-only hosts): the store is
 * reached over IPv6 and a network shows on every host, but containers on different hosts do not
 * reach each other. So an overlay host whose advertise address would be IPv6 (an IPv6
 * {@code advertise:}, or no advertise and an IPv6 {@code address:}) is refused here, before any
 * host is contacted, with the way out. An interface name as {@code advertise:} is left to doctor
 * (dockerd takes that interface's IPv4 address).
 */
public final class KvModeIpv4Underlay implements TopologyRule {

    /** Why, in one clause; also used for a store host ({@link KvStoreHostsIpv4}). */
    static final String REASON = "mode: kv cannot carry overlay traffic over an IPv6 underlay (Docker Engine < 25"
            + " sends no VXLAN to IPv6 peers, moby#41691, fixed by moby PR #46790 in Engine 25, which has no kv mode)";

    @Override
    public List<Finding> check(Topology t) {
        if (t.mode() != Mode.KV) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Host h : t.hosts()) {
            if (!h.overlay()) {
                continue;
            }
            Optional<IpAddress> advertise = h.advertise().flatMap(IpAddress::tryParse);
            String key;
            String vtep;
            if (advertise.isPresent()) {
                key = "advertise";
                vtep = h.advertise().get();
            } else if (h.advertise().isEmpty() && IpAddress.tryParse(h.address()).isPresent()) {
                key = "address";
                vtep = h.address();
            } else {
                continue; // an interface name or a DNS name: doctor resolves it on the host
            }
            if (!IpAddress.parse(vtep).isV4()) {
                out.add(Finding.error("hosts[" + t.hosts().indexOf(h) + "]." + key, "host '" + h.name()
                                + "' would send overlay traffic from its IPv6 " + key + " " + vtep + ", but " + REASON,
                        "give " + h.name() + " an IPv4 'advertise:' (a dual-stack host: its IPv4 address, or an"
                                + " interface that has one), or use mode: swarm on Engine 25 or later"));
            }
        }
        return out;
    }
}
