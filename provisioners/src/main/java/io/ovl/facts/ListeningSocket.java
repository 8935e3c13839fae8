package io.ovl.facts;

import java.util.Optional;

/**
 * One listening TCP socket or bound UDP socket on a host, from {@code ss -H -lntu}.
 *
 * @param address the local address without brackets or scope: "0.0.0.0", "::", "198.18.0.11",
 *                "2001:db8::1", or "*" which ss prints for a dual-stack (IPv4 and IPv6) wildcard
 * @param scope   the interface a socket is bound to, when ss prints "ADDR%IFACE:PORT"
 */
public record ListeningSocket(Protocol protocol, String address, Optional<String> scope, int port) {

    public ListeningSocket {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** True when the socket takes traffic for every local address of its family ("0.0.0.0", "::", "*"). */
    public boolean isWildcard() {
        return address.equals("*") || address.equals("0.0.0.0") || address.equals("::");
    }

    /**
     * True when a bind of {@code protocol}/{@code port} on {@code ip} would collide with this socket:
     * same protocol and port, and this socket is a wildcard or on that very address. A socket
     * confined to an interface ("%lo") is still reported: a bind may or may not collide, and
     * doctor should rather say so than guess.
     */
    public boolean blocks(Protocol wantProtocol, String ip, int wantPort) {
        return protocol == wantProtocol && port == wantPort && (isWildcard() || address.equals(ip));
    }

    @Override
    public String toString() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return protocol.lowerName() + " " + host + scope.map(s -> "%" + s).orElse("") + ":" + port;
    }
}
