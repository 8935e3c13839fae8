package io.ovl.core;

/**
 * The one way ovl writes a host and a port together, in messages, URLs ({@code etcd://HOST:PORT}),
 * {@code --cluster-store}, {@code --cluster-advertise} and store endpoints: {@code host:port}, with an
 * IPv6 literal in brackets ({@code [2001:db8::1]:2379}, RFC 3986), as OpenSSH, Docker and URLs want it.
 */
public final class HostPort {

    private HostPort() {
    }

    /** {@code 198.18.0.11:2379}, {@code node1:22}, {@code [fd00::11]:2379}. */
    public static String of(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    /**
     * An IPv6 literal (any text with a colon) in brackets; a name, an IPv4 address or text already in
     * brackets (as {@link java.net.URI#getHost()} returns an IPv6 host) unchanged.
     */
    public static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The host without brackets: {@code [fd00::11]} -> {@code fd00::11}; anything else unchanged. */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
