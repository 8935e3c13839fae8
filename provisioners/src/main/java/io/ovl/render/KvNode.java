package io.ovl.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One host of the KV store cluster.
 *
 * @param name    the host's name in the topology; the store's member/node name
 * @param address the host's underlay IP the store binds and peers dial; never a wildcard
 */
public record KvNode(String name, String address) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public KvNode {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("KV node name must be a host name label, got '" + name + "'");
        }
        Matcher ip = IPV4.matcher(address);
        if (!ip.matches() || IntStream.rangeClosed(1, 4).anyMatch(g -> Integer.parseInt(ip.group(g)) > 255)) {
            // libkv and the stores' peer URLs below are written for IPv4 underlays.
            throw new IllegalArgumentException("KV node " + name + ": address must be an IPv4 address, got '"
                    + address + "'");
        }
        if (address.equals("0.0.0.0")) {
            throw new IllegalArgumentException("KV node " + name + ": give the host's underlay address, not 0.0.0.0;"
                    + " the store must not listen on every interface");
        }
    }
}
