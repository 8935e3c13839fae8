package io.ovl.doctor;

import io.ovl.addressing.IpAddress;
import io.ovl.facts.Fact;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.IpFamily;
import io.ovl.facts.Route;
import io.ovl.topology.Host;
import java.util.List;
import java.util.Optional;

/**
 * The address other hosts use to reach a host's overlay traffic, resolved on the host's facts:
 * {@code advertise:} as an IP (must be on an interface) or an interface name (its first IPv4
 * address), else {@code address:} when it is an IP, else the address of the interface with the
 * default route (for hosts named by DNS or an ssh alias).
 *
 * @param ip         the IPv4/IPv6 literal peers send to
 * @param iface      the interface that holds it, when it is on one
 * @param onInterface false when the address was taken from the topology but no interface has it
 *                    (NAT, a proxy): peers may still reach it, but dockerd cannot bind to it
 */
public record AdvertiseAddress(String ip, Optional<HostInterface> iface, boolean onInterface) {

    public static Fact<AdvertiseAddress> resolve(Host host, HostFacts facts) {
        return resolve(host, facts.interfaces(), facts.routes());
    }

    /** {@link #resolve(Host, HostFacts)} on the two facts it reads ({@code ip -j -d addr}, {@code ip -j route}). */
    public static Fact<AdvertiseAddress> resolve(Host host, Fact<List<HostInterface>> interfaces, Fact<List<Route>> routes) {
        if (interfaces.value().isEmpty()) {
            return Fact.unknown("interfaces unknown: " + interfaces.why());
        }
        List<HostInterface> ifaces = interfaces.value().get();
        if (host.advertise().isPresent()) {
            String adv = host.advertise().get();
            if (IpAddress.tryParse(adv).isPresent()) {
                return withAddress(ifaces, adv).map(i -> Fact.known(new AdvertiseAddress(adv, Optional.of(i), true)))
                        .orElseGet(() -> Fact.unknown("advertise address " + adv + " is on no interface of the host"
                                + " (it has " + summary(ifaces) + ")"));
            }
            Optional<HostInterface> named = ifaces.stream().filter(i -> i.name().equals(adv)).findFirst();
            if (named.isEmpty()) {
                return Fact.unknown("advertise interface " + adv + " does not exist on the host (it has "
                        + summary(ifaces) + ")");
            }
            return firstIpv4(named.get()).map(ip -> Fact.known(new AdvertiseAddress(ip, named, true)))
                    .orElseGet(() -> Fact.unknown("advertise interface " + adv + " has no IPv4 address"));
        }
        String address = host.address();
        if (IpAddress.tryParse(address).isPresent()) {
            Optional<HostInterface> holder = withAddress(ifaces, address);
            return Fact.known(new AdvertiseAddress(address, holder, holder.isPresent()));
        }
        Optional<String> defaultDev = routes.value().orElse(List.of()).stream()
                .filter(Route::isDefault).flatMap(r -> r.device().stream()).findFirst();
        Optional<HostInterface> dev = defaultDev.flatMap(d -> ifaces.stream().filter(i -> i.name().equals(d)).findFirst());
        Optional<String> ip = dev.flatMap(AdvertiseAddress::firstIpv4);
        if (ip.isEmpty()) {
            return Fact.unknown("address " + address + " is a name and the host has no default route with an"
                    + " IPv4 address to advertise instead");
        }
        return Fact.known(new AdvertiseAddress(ip.get(), dev, true));
    }

    private static Optional<HostInterface> withAddress(List<HostInterface> ifaces, String ip) {
        IpAddress wanted = IpAddress.parse(ip);
        return ifaces.stream().filter(i -> i.addresses().stream()
                .anyMatch(a -> IpAddress.tryParse(a.address()).map(wanted::equals).orElse(false))).findFirst();
    }

    private static Optional<String> firstIpv4(HostInterface i) {
        return i.addresses(IpFamily.INET).stream().map(InterfaceAddress::address).findFirst();
    }

    private static String summary(List<HostInterface> ifaces) {
        return String.join(", ", ifaces.stream().map(i -> i.name() + (i.addresses(IpFamily.INET).isEmpty() ? ""
                : " " + i.addresses(IpFamily.INET).get(0).address())).toList());
    }
}
