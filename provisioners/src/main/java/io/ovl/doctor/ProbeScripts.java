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

    /**
     * Listens on every need until each of its sources was heard, or for {@code seconds} at most,
     * then exits by itself.
     */
    static RemoteCommand listen(int seconds, String runId, List<PortNeed> needs) {
        List<String> argv = new ArrayList<>(List.of("perl", "-e", LISTEN, Integer.toString(seconds), runId));
        needs.forEach(n -> argv.add(n.protocol().lowerName() + "/" + n.port() + "/" + n.sources().size()));
        return RemoteCommand.of(argv);
    }

    /** A target of a sender: protocol, port and address. */
    record Send(PortNeed need, String address) {
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
