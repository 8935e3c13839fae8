package io.ovl.doctor;

import io.ovl.ssh.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two halves of the port probe, kept as readable Perl files next to this class
 * (probe-listen.pl, probe-send.pl). Perl because it is on every Debian and Ubuntu host (perl-base
 * is Essential) and speaks TCP and UDP, which busybox nc (in the probe images we have) cannot:
 * it has no UDP. Scripts go as one argument of {@code perl -e}; all values are further arguments.
 */
final class ProbeScripts {
    static final String LISTEN = load("probe-listen.pl");
    static final String SEND = load("probe-send.pl");

    private ProbeScripts() {
    }

    /** Ports below this need root to bind (Linux's default net.ipv4.ip_unprivileged_port_start). */
    static final int FIRST_UNPRIVILEGED_PORT = 1024;

    /**
     * Binds every need, says READY, and listens until each of its sources was heard, or for
     * {@code seconds} at most counted from the GO line ovl writes on its stdin, or until its stdin
     * closes, or {@code capSeconds} after it started whatever happens; then exits by itself.
     * {@code bindAddress} is the address peers send to when it is on an interface: dockerd binds
     * 7946 to that very address, and a wildcard listener next to it would never see the traffic
     * (the more specific socket wins), a false failure.
     */
    static RemoteCommand listen(int seconds, int capSeconds, String runId, String bindAddress, List<PortNeed> needs) {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", LISTEN, Integer.toString(seconds),
                Integer.toString(capSeconds), runId, bindAddress));
        needs.forEach(n -> argv.add(n.protocol().lowerName() + "/" + n.port() + "/" + n.sources().size()));
        return RemoteCommand.of(argv);
    }

    /**
     * The address a host's listener binds: the advertised address when an interface holds it (so a
     * daemon bound to it is seen holding the port), else the wildcard of its family: 0.0.0.0 for
     * IPv4, :: for IPv6 (the listener's raw ESP socket takes its family from this address).
     */
    static String bindAddress(AdvertiseAddress advertise) {
        if (advertise.onInterface()) {
            return advertise.ip();
        }
        return advertise.ip().contains(":") ? "::" : "0.0.0.0";
    }

    /** A target of a sender: protocol, port and address. */
    record Send(PortNeed need, String address) {
    }

    /**
     * Whether the listener needs root: only for a raw socket (ESP, IP protocol 50) or a port below
     * 1024. The overlay's ports (7946, 4789, 2377, a store's 2379) need none, so on a
     * {@code become: sudo} host the listener runs without sudo and does not wait for it.
     */
    static boolean listenerNeedsRoot(List<PortNeed> needs) {
        return needs.stream().anyMatch(n -> n.protocol() == io.ovl.facts.Protocol.ESP || n.port() < FIRST_UNPRIVILEGED_PORT);
    }

    /** Whether the sender needs root: only to send ESP out of a raw socket; TCP and UDP sources are ephemeral ports. */
    static boolean senderNeedsRoot(List<Send> sends) {
        return sends.stream().anyMatch(s -> s.need().protocol() == io.ovl.facts.Protocol.ESP);
    }

    static RemoteCommand send(int seconds, String runId, String source, List<Send> sends) {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", SEND, Integer.toString(seconds), runId, source));
        for (Send s : sends) {
            argv.add(s.need().protocol().lowerName());
            argv.add(Integer.toString(s.need().port()));
            argv.add(s.address());
        }
        return RemoteCommand.of(argv);
    }

    private static String load(String name) {
        try (InputStream in = ProbeScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/ovl/doctor/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
