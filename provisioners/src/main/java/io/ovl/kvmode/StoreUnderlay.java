package io.ovl.kvmode;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.facts.Fact;
import io.ovl.doctor.FactCommands;
import io.ovl.facts.HostInterface;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.Route;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The address a store member listens on: the underlay address the other hosts use to reach its host,
 * the same one doctor checks ({@link AdvertiseAddress#resolve}): an IPv4 {@code advertise} as given,
 * an interface name's first IPv4 address, else an IPv4 {@code address}, else the address of the
 * interface with the default route. Before, an interface name fell back to the SSH address, so the
 * store listened where the overlay hosts were not told to reach it (or on a management network).
 */
public final class StoreUnderlay {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private StoreUnderlay() {
    }

    /** Whether {@code host}'s store address needs its facts: its advertise (or, without one, its address) is a name. */
    static boolean needsFacts(Host host) {
        return !IPV4.matcher(host.advertise().orElse(host.address())).matches();
    }

    /**
     * Reads {@code ip -j -d addr} (and {@code ip -j route}) on the store hosts that need it (read-only).
     *
     * @return the underlay IPv4 of those store hosts, by name (empty for an external store or when none needs facts)
     * @throws OvlException (CHECKS_FAILED) when a store host's address cannot be told; nothing was changed
     */
    public static Map<String, String> resolve(Topology topology, OpenHosts hosts) {
        Map<String, String> out = new LinkedHashMap<>();
        KvStore store = topology.kvStore().filter(s -> s.url().isEmpty()).orElse(null);
        if (store == null) {
            return out;
        }
        for (String name : store.hosts()) {
            Host host = topology.host(name).orElse(null);
            if (host == null || !needsFacts(host)) {
                continue;
            }
            HostHandle h = hosts.require(name);
            Fact<List<HostInterface>> ifaces = Fact.of(h.shell(), FactCommands.IP_ADDR, IpJson::parseAddr);
            Fact<List<Route>> routes = host.advertise().isPresent() ? Fact.unknown("not needed")
                    : Fact.of(h.shell(), FactCommands.IP_ROUTE, o -> IpJson.parseRoute(o, IpFamily.INET));
            out.put(name, of(host, ifaces, routes));
        }
        return out;
    }

    /** The store address of {@code host} on its facts; pure. */
    static String of(Host host, Fact<List<HostInterface>> interfaces, Fact<List<Route>> routes) {
        Fact<AdvertiseAddress> a = AdvertiseAddress.resolve(host, interfaces, routes);
        String ip = a.value().map(AdvertiseAddress::ip).orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED,
                "host " + host.name() + ": kv store: cannot tell the underlay address the store should listen on: "
                        + a.why() + "; nothing was changed"));
        if (!IPV4.matcher(ip).matches()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + host.name() + ": kv store: the underlay address "
                    + ip + " is not IPv4 (the store's peer URLs and libkv need IPv4); nothing was changed");
        }
        return ip;
    }
}
