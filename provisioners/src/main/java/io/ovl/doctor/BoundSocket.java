package io.ovl.doctor;

import io.ovl.facts.ListeningSocket;
import io.ovl.facts.ListeningSockets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listening socket with the process that holds it, from {@code ss -H -lntup}. Sockets the
 * kernel holds itself (the VXLAN driver's UDP port) have no process. The socket part is parsed
 * by {@link ListeningSockets}; only the users column is read here (io.ovl.facts has no parser
 * for it yet).
 */
public record BoundSocket(ListeningSocket socket, Optional<String> process) {
    private static final Pattern USERS = Pattern.compile("users:\\(\\(\"([^\"]+)\"");

    public static List<BoundSocket> parse(String ssOutput) {
        List<BoundSocket> out = new ArrayList<>();
        for (String line : ssOutput.split("\n")) {
            if (line.isBlank() || line.strip().startsWith("Netid")) {
                continue;
            }
            ListeningSocket socket = ListeningSockets.parse(line).get(0);
            Matcher m = USERS.matcher(line);
            out.add(new BoundSocket(socket, m.find() ? Optional.of(m.group(1)) : Optional.empty()));
        }
        return List.copyOf(out);
    }

    /** "dockerd" or "the kernel" for a socket without a process. */
    public String holder() {
        return process.orElse("the kernel (no process)");
    }
}
