package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.net.NetworkListing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code net ls}'s flags in docker network ls's spelling: {@code --filter name=/driver=/label=/scope=},
 * {@code -q} and {@code --format}. Pure: a listing in, a listing or text out.
 */
final class NetLsFilter {
    private final List<Predicate<NetworkListing.Entry>> tests;

    private NetLsFilter(List<Predicate<NetworkListing.Entry>> tests) {
        this.tests = List.copyOf(tests);
    }

    /** @throws OvlException exit 2 for a filter ovl does not know, saying which it knows */
    static NetLsFilter parse(List<String> filters) {
        List<Predicate<NetworkListing.Entry>> tests = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            switch (key) {
                case "name" -> tests.add(e -> e.name().contains(value));
                case "driver" -> tests.add(e -> value.equals("overlay"));
                case "label" -> tests.add(label(value));
                case "scope" -> {
                    if (!List.of("swarm", "global", "local").contains(value)) {
                        throw new OvlException(ExitCode.USAGE, "--filter " + f + ": scope is swarm, global or local");
                    }
                    tests.add(e -> e.scope().equals(value));
                }
                default -> throw new OvlException(ExitCode.USAGE, "--filter " + f + ": ovl knows name=TEXT,"
                        + " driver=overlay, label=KEY[=VALUE] and scope=swarm|global|local"
                        + (List.of("id", "type", "dangling").contains(key) ? " (docker's " + key + " filter is not supported)" : ""));
            }
        }
        return new NetLsFilter(tests);
    }

    /** Docker's label filter: label=KEY has the label, label=KEY=VALUE has it with that value. */
    private static Predicate<NetworkListing.Entry> label(String keyAndValue) {
        int eq = keyAndValue.indexOf('=');
        if (keyAndValue.isEmpty() || eq == 0) {
            throw new OvlException(ExitCode.USAGE, "--filter label=" + keyAndValue + ": give label=KEY or label=KEY=VALUE");
        }
        if (eq < 0) {
            return e -> e.labels().containsKey(keyAndValue);
        }
        String key = keyAndValue.substring(0, eq);
        String value = keyAndValue.substring(eq + 1);
        return e -> value.equals(e.labels().get(key));
    }

    NetworkListing apply(NetworkListing listing) {
        return new NetworkListing(listing.networks().stream().filter(e -> tests.stream().allMatch(t -> t.test(e))).toList(),
                listing.unreadable());
    }

    /** {@code -q}: the names, one a line. */
    static String names(NetworkListing listing) {
        StringBuilder b = new StringBuilder();
        listing.networks().forEach(e -> b.append(e.name()).append('\n'));
        return b.toString();
    }

    /** {@code --format}: each network's line from the template; unknown fields stay as written. */
    static String formatted(NetworkListing listing, String template) {
        StringBuilder b = new StringBuilder();
        for (NetworkListing.Entry e : listing.networks()) {
            b.append(template.replace("\\t", "\t")
                    .replace("{{.Name}}", e.name())
                    .replace("{{.Driver}}", "overlay")
                    .replace("{{.Scope}}", e.scope())
                    .replace("{{.Labels}}", labels(e))
                    .replace("{{.Subnet}}", String.join(",", e.subnets()))
                    .replace("{{.Hosts}}", String.join(",", e.seenOn()))
                    .replace("{{.Missing}}", String.join(",", e.missingOn()))).append('\n');
        }
        return b.toString();
    }

    /** "k1=v1,k2=v2" sorted by key, as docker network ls prints {{.Labels}}. */
    private static String labels(NetworkListing.Entry e) {
        return e.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(l -> l.getKey() + "=" + l.getValue()).collect(java.util.stream.Collectors.joining(","));
    }
}
