package io.ovl.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Lab#start(String, LabLayout)} asks {@code lab/up} for: one full host per engine,
 * light hosts, one or two underlay subnets, messy hosts and the SSH port. Immutable; start from
 * {@link #of(String...)} and change one thing at a time:
 *
 * <pre>{@code
 * LabLayout.of("20.10", "20.10").withSubnets(2).withMessy("h2").withSshPort(2222)
 * }</pre>
 *
 * @param engines one Docker Engine per full host, e.g. {@code ["20.10", "26", "20.10:sysv"]}
 *                ({@code lab/up --engine})
 * @param light   light hosts, sshd only ({@code --light})
 * @param subnets 1, or 2 for two /24s joined by a router ({@code --subnets})
 * @param messy   ids of full hosts ({@code h1}, {@code h2}, ...) that are messy as real hosts are:
 *                no /etc/hosts line for their own name and a resolver that never answers, so
 *                every {@code sudo} there waits about 12 s ({@code --messy}, lab/README.md)
 * @param sshPort the port sshd listens on in every host ({@code --ssh-port}, default 22)
 * @param store   the kv store of the lab's topology.yaml, {@code etcd} or {@code zookeeper}
 *                ({@code --store}; zookeeper also imports {@code local/zookeeper:3.8})
 * @param sudoPassword full hosts whose sudo asks user ovl for {@link Lab#sudoPassword()} ({@code --sudo-password})
 * @param doas    full hosts where ovl becomes root with doas only ({@code --doas})
 * @param ipv6    the IPv6 underlay: {@code ""} none, {@code "dual"} hosts dual-stack and addressed by
 *                IPv6 ({@code --ipv6}), {@code "only"} hosts with IPv6 only ({@code --ipv6-only})
 */
public record LabLayout(List<String> engines, int light, int subnets, List<String> messy, int sshPort, String store,
                        List<String> sudoPassword, List<String> doas, String ipv6) {

    public LabLayout {
        engines = List.copyOf(Objects.requireNonNull(engines, "engines"));
        messy = List.copyOf(Objects.requireNonNull(messy, "messy"));
        sudoPassword = List.copyOf(Objects.requireNonNull(sudoPassword, "sudoPassword"));
        doas = List.copyOf(Objects.requireNonNull(doas, "doas"));
        for (String id : concat(sudoPassword, doas)) {
            if (!id.matches("h[1-9][0-9]*") || Integer.parseInt(id.substring(1)) > engines.size()) {
                throw new IllegalArgumentException("host '" + id + "' is not a full host h1..h" + engines.size());
            }
        }
        if (sudoPassword.stream().anyMatch(doas::contains)) {
            throw new IllegalArgumentException("a host cannot have both --sudo-password and --doas");
        }
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a lab needs at least one engine (one full host)");
        }
        if (light < 0) {
            throw new IllegalArgumentException("light hosts must be >= 0, got " + light);
        }
        if (subnets != 1 && subnets != 2) {
            throw new IllegalArgumentException("subnets must be 1 or 2, got " + subnets);
        }
        for (String id : messy) {
            if (!id.matches("h[1-9][0-9]*") || Integer.parseInt(id.substring(1)) > engines.size()) {
                throw new IllegalArgumentException("messy host '" + id + "' is not a full host h1..h" + engines.size());
            }
        }
        if (messy.stream().distinct().count() != messy.size()) {
            throw new IllegalArgumentException("messy hosts listed twice: " + messy);
        }
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort must be 1..65535, got " + sshPort);
        }
        if (!List.of("etcd", "zookeeper").contains(store)) {
            throw new IllegalArgumentException("store must be etcd or zookeeper, got " + store);
        }
        if (!List.of("", "dual", "only").contains(ipv6)) {
            throw new IllegalArgumentException("ipv6 must be \"\", dual or only, got " + ipv6);
        }
    }

    /** No IPv6 underlay. */
    public LabLayout(List<String> engines, int light, int subnets, List<String> messy, int sshPort, String store,
                     List<String> sudoPassword, List<String> doas) {
        this(engines, light, subnets, messy, sshPort, store, sudoPassword, doas, "");
    }

    /** Every host with passwordless sudo for user ovl. */
    public LabLayout(List<String> engines, int light, int subnets, List<String> messy, int sshPort, String store) {
        this(engines, light, subnets, messy, sshPort, store, List.of(), List.of());
    }

    /** An etcd lab. */
    public LabLayout(List<String> engines, int light, int subnets, List<String> messy, int sshPort) {
        this(engines, light, subnets, messy, sshPort, "etcd");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Full hosts by id whose sudo asks user ovl for a password ({@code --sudo-password}); the
     * password is {@link Lab#sudoPassword()}.
     */
    public LabLayout withSudoPassword(String... hostIds) {
        return new LabLayout(engines, light, subnets, messy, sshPort, store, Arrays.asList(hostIds), doas, ipv6);
    }

    /** Full hosts by id where user ovl becomes root through doas ({@code permit nopass}) and not sudo ({@code --doas}). */
    public LabLayout withDoas(String... hostIds) {
        return new LabLayout(engines, light, subnets, messy, sshPort, store, sudoPassword, Arrays.asList(hostIds), ipv6);
    }

    /** One full host per engine, no light hosts, one subnet, no messy host, SSH on port 22. */
    public static LabLayout of(String... engines) {
        return of(Arrays.asList(engines));
    }

    /** As {@link #of(String...)}. */
    public static LabLayout of(List<String> engines) {
        return new LabLayout(engines, 0, 1, List.of(), 22);
    }

    public LabLayout withLight(int count) {
        return new LabLayout(engines, count, subnets, messy, sshPort, store, sudoPassword, doas, ipv6);
    }

    public LabLayout withSubnets(int count) {
        return new LabLayout(engines, light, count, messy, sshPort, store, sudoPassword, doas, ipv6);
    }

    /** Full hosts by id ({@code "h2"}) that get a messy name resolution; replaces any earlier list. */
    public LabLayout withMessy(String... hostIds) {
        return new LabLayout(engines, light, subnets, Arrays.asList(hostIds), sshPort, store, sudoPassword, doas, ipv6);
    }

    public LabLayout withSshPort(int port) {
        return new LabLayout(engines, light, subnets, messy, port, store, sudoPassword, doas, ipv6);
    }

    /** The lab's store: {@code etcd} (default) or {@code zookeeper} ({@code lab/up --store}). */
    public LabLayout withStore(String backend) {
        return new LabLayout(engines, light, subnets, messy, sshPort, backend, sudoPassword, doas, ipv6);
    }

    /**
     * Hosts also on an IPv6 underlay, dual-stack, and addressed by IPv6 in topology.yaml, known_hosts
     * and {@link LabHost#address()} ({@code lab/up --ipv6}).
     */
    public LabLayout withIpv6() {
        return new LabLayout(engines, light, subnets, messy, sshPort, store, sudoPassword, doas, "dual");
    }

    /** As {@link #withIpv6()}, but the hosts have no IPv4 address at all ({@code lab/up --ipv6-only}). */
    public LabLayout withIpv6Only() {
        return new LabLayout(engines, light, subnets, messy, sshPort, store, sudoPassword, doas, "only");
    }

    /** The {@code lab/up} arguments after {@code --name NAME}. */
    List<String> upArguments() {
        List<String> args = new ArrayList<>(List.of("--engine", String.join(",", engines),
                "--light", Integer.toString(light), "--subnets", Integer.toString(subnets),
                "--ssh-port", Integer.toString(sshPort)));
        if (!messy.isEmpty()) {
            args.addAll(List.of("--messy", String.join(",", messy)));
        }
        if (!store.equals("etcd")) {
            args.addAll(List.of("--store", store));
        }
        if (!sudoPassword.isEmpty()) {
            args.addAll(List.of("--sudo-password", String.join(",", sudoPassword)));
        }
        if (!doas.isEmpty()) {
            args.addAll(List.of("--doas", String.join(",", doas)));
        }
        if (!ipv6.isEmpty()) {
            args.add(ipv6.equals("only") ? "--ipv6-only" : "--ipv6");
        }
        return List.copyOf(args);
    }
}
