package io.ovl.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code ss -H -lntu} (same as {@code ss -lntuH}); a header line ("Netid State ...") from
 * an ss too old for -H is skipped. The command must include both -t and -u: only then does ss
 * print the Netid column this parser relies on.
 */
public final class ListeningSockets {
    private static final String SOURCE = "output of `ss -H -lntu`";

    private ListeningSockets() {
    }

    /** @throws UnparseableOutputException for a line without Netid, State, queues and a local address */
    public static List<ListeningSocket> parse(String ssOutput) {
        List<ListeningSocket> sockets = new ArrayList<>();
        String[] lines = ssOutput.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("Netid"))) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 5) {
                throw UnparseableOutputException.atLine(SOURCE, i + 1, line,
                        "columns Netid State Recv-Q Send-Q Local-Address:Port Peer-Address:Port");
            }
            Protocol protocol = switch (cols[0]) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw UnparseableOutputException.atLine(SOURCE, i + 1, line,
                        "Netid 'tcp' or 'udp' first (run ss with both -t and -u)");
            };
            sockets.add(local(protocol, cols[4], i + 1, line));
        }
        return List.copyOf(sockets);
    }

    /** Sockets that would collide with binding {@code protocol}/{@code port} on {@code ip}. */
    public static List<ListeningSocket> blocking(List<ListeningSocket> sockets, Protocol protocol, String ip, int port) {
        return sockets.stream().filter(s -> s.blocks(protocol, ip, port)).toList();
    }

    // "0.0.0.0:7946", "*:2379", "[::]:22", "[2001:db8::1]:2377", "127.0.0.53%lo:53",
    // "[fe80::1]%eth0:546", and old ss's unbracketed ":::22".
    private static ListeningSocket local(Protocol protocol, String text, int lineNumber, String line) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw UnparseableOutputException.atLine(SOURCE, lineNumber, line, "a local ADDRESS:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw UnparseableOutputException.atLine(SOURCE, lineNumber, line, "a numeric port (run ss with -n)");
        }
        if (port < 0 || port > 65535) {
            throw UnparseableOutputException.atLine(SOURCE, lineNumber, line, "a port from 0 to 65535");
        }
        String host = text.substring(0, colon);
        Optional<String> scope = Optional.empty();
        int percent = host.lastIndexOf('%');
        if (percent > 0) {
            scope = Optional.of(host.substring(percent + 1));
            host = host.substring(0, percent);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw UnparseableOutputException.atLine(SOURCE, lineNumber, line, "a local ADDRESS:PORT");
        }
        return new ListeningSocket(protocol, host, scope, port);
    }
}
