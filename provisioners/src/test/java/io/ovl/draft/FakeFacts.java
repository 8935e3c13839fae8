package io.ovl.draft;

import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.doctor.HostFacts;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.IpPrefix;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test support: a FAKE of a host's facts, for the pure draft logic. No host is contacted: facts
 * are parsed from outputs captured on real lab hosts (io/ovl/doctor/h1-2010, h2-2010, h3-26, with
 * the same parsers as on a host), or built by hand for layouts the lab has no capture of.
 */
final class FakeFacts {
    private int uid;
    private String hostname;
    private Fact<KernelVersion> kernel;
    private Fact<DockerInfo> docker;
    private Fact<List<DockerNetwork>> networks;
    private Fact<List<HostInterface>> interfaces;
    private Fact<List<Route>> routes;

    /** A captured lab host: h1-2010 (doctor-h1, 198.18.144.11), h2-2010 (.12), h3-26 (doctor26-h3, 198.18.180.13). */
    static FakeFacts captured(String dir) {
        FakeFacts f = new FakeFacts();
        f.hostname = resource(dir + "/hostname.txt").strip();
        f.kernel = Fact.known(KernelVersion.parse(resource(dir + "/uname-r.txt")));
        f.docker = Fact.known(DockerInfo.parse(resource(dir + "/docker-info.json")));
        f.networks = Fact.known(DockerNetwork.parseInspect(resource(dir + "/docker-network-inspect.json")));
        f.interfaces = Fact.known(IpJson.parseAddr(resource(dir + "/ip-j-d-addr.json")));
        f.routes = Fact.known(IpJson.parseRoute(resource(dir + "/ip-j-route.json"), IpFamily.INET));
        return f;
    }

    FakeFacts hostname(String name) {
        hostname = name;
        return this;
    }

    FakeFacts uid(int id) {
        uid = id;
        return this;
    }

    FakeFacts dockerUnknown(String why) {
        docker = Fact.unknown(why);
        return this;
    }

    FakeFacts interfacesUnknown(String why) {
        interfaces = Fact.unknown(why);
        return this;
    }

    FakeFacts withInterface(HostInterface i) {
        List<HostInterface> l = new ArrayList<>(interfaces.value().orElseThrow());
        l.add(i);
        interfaces = Fact.known(l);
        return this;
    }

    /** Every interface's MTU set to {@code mtu}. */
    FakeFacts mtu(int mtu) {
        interfaces = Fact.known(interfaces.value().orElseThrow().stream().map(i -> new HostInterface(i.index(), i.name(),
                i.operState(), i.flags(), mtu, i.linkType(), i.kind(), i.addresses())).toList());
        return this;
    }

    FakeFacts withRoute(Route r) {
        List<Route> l = new ArrayList<>(routes.value().orElseThrow());
        l.add(r);
        routes = Fact.known(l);
        return this;
    }

    FakeFacts withDockerNetwork(DockerNetwork n) {
        List<DockerNetwork> l = new ArrayList<>(networks.value().orElseThrow());
        l.add(n);
        networks = Fact.known(l);
        return this;
    }

    HostFacts facts() {
        Fact<String> no = Fact.unknown("not part of this fake");
        return new HostFacts(Fact.known(uid), Fact.known(hostname), kernel, Fact.unknown("not part of this fake"), docker,
                networks, interfaces, routes, Fact.unknown("not part of this fake"), Fact.unknown("not part of this fake"),
                Fact.unknown("not part of this fake"), Fact.unknown("not part of this fake"), no,
                Fact.unknown("not part of this fake"));
    }

    /** An interface that is up, with IPv4 addresses "A/N". */
    static HostInterface iface(String name, int mtu, String... addresses) {
        List<InterfaceAddress> a = new ArrayList<>();
        for (String p : addresses) {
            a.add(new InterfaceAddress(IpFamily.INET, IpPrefix.parse(p), "global"));
        }
        return new HostInterface(10, name, "UP", List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), mtu, "ether",
                Optional.empty(), a);
    }

    /** A unicast route; {@code via} null for on-link. */
    static Route route(String dst, String dev, String via) {
        boolean isDefault = dst.equals("default");
        return new Route("unicast", isDefault ? IpPrefix.anyOf(IpFamily.INET) : IpPrefix.parse(dst), isDefault,
                Optional.of(dev), Optional.ofNullable(via), Optional.empty(), Optional.empty());
    }

    static String resource(String name) {
        try (InputStream in = FakeFacts.class.getResourceAsStream("/io/ovl/doctor/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource io/ovl/doctor/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
