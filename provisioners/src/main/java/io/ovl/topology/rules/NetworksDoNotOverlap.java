package io.ovl.topology.rules;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Subnets of one topology do not overlap: a container address would be ambiguous between them.
 * Each subnet that overlaps one of an earlier network is reported once, naming the first (lowest
 * index) earlier network it overlaps; a dual-stack network's two subnets are two entries (of two
 * families, so they never overlap each other).
 *
 * <p>In O(n log n), not by comparing every pair: two prefixes overlap exactly when one contains the
 * other, so after sorting by first address (a larger prefix before a smaller one at the same
 * address; IPv4 before IPv6), the prefixes that contain a subnet are the ones still open on a
 * stack when it is reached, and those it contains are the run that follows it. The lowest
 * index among the first comes with the stack, among the second from a range-minimum table.
 */
public final class NetworksDoNotOverlap implements TopologyRule {
    /** One subnet: of network {@code index}, its pool {@code pool}. */
    private record Entry(int index, int pool, Prefix subnet, IpAddress first, IpAddress last) {
    }

    @Override
    public List<Finding> check(Topology t) {
        List<NetworkSpec> nets = t.networks();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            List<Prefix> subnets = nets.get(i).subnets();
            for (int k = 0; k < subnets.size(); k++) {
                Prefix s = subnets.get(k).network();
                entries.add(new Entry(i, k, s, s.first(), s.last()));
            }
        }
        Entry[] sorted = entries.toArray(Entry[]::new);
        Arrays.sort(sorted, Comparator.comparing(Entry::first)
                .thenComparingInt(e -> e.subnet().length())
                .thenComparingInt(Entry::index));
        int m = sorted.length;
        int[] ancestorsMin = new int[m]; // lowest index of the prefixes containing sorted[p]
        int[] end = new int[m];          // sorted[p+1 .. end[p]-1] are the prefixes sorted[p] contains
        int[] stack = new int[m];
        int[] stackMin = new int[m];
        int top = -1;
        for (int p = 0; p < m; p++) {
            while (top >= 0 && sorted[p].first().compareTo(sorted[stack[top]].last()) > 0) {
                end[stack[top--]] = p;
            }
            ancestorsMin[p] = top >= 0 ? stackMin[top] : Integer.MAX_VALUE;
            stack[++top] = p;
            stackMin[top] = Math.min(sorted[p].index(), top > 0 ? stackMin[top - 1] : Integer.MAX_VALUE);
        }
        while (top >= 0) {
            end[stack[top--]] = m;
        }
        RangeMin indexes = new RangeMin(Arrays.stream(sorted).mapToInt(Entry::index).toArray());
        Entry[] overlapped = new Entry[entries.size()]; // by position in entries: network order, then pool order
        int[] position = new int[m];
        int[] firstOf = new int[nets.size()];
        for (int e = entries.size() - 1; e >= 0; e--) {
            firstOf[entries.get(e).index()] = e;
        }
        for (int p = 0; p < m; p++) {
            position[p] = firstOf[sorted[p].index()] + sorted[p].pool();
        }
        for (int p = 0; p < m; p++) {
            int lowest = Math.min(ancestorsMin[p], indexes.min(p + 1, end[p]));
            if (lowest < sorted[p].index()) {
                overlapped[position[p]] = lowestOverlapping(sorted[p], lowest, entries, firstOf);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            Entry earlier = overlapped[e];
            if (earlier != null) {
                Entry it = entries.get(e);
                out.add(Finding.error(subnetPath(it, nets), "subnet " + it.subnet()
                                + " overlaps subnet " + earlier.subnet() + " of network '" + nets.get(earlier.index()).name()
                                + "' (networks[" + earlier.index() + "])",
                        "give each network its own, non-overlapping subnet"));
            }
        }
        return out;
    }

    /** The subnet of network {@code lowest} that {@code it} overlaps (a dual-stack network has one per family). */
    private static Entry lowestOverlapping(Entry it, int lowest, List<Entry> entries, int[] firstOf) {
        for (int e = firstOf[lowest]; e < entries.size() && entries.get(e).index() == lowest; e++) {
            if (entries.get(e).subnet().overlaps(it.subnet())) {
                return entries.get(e);
            }
        }
        throw new IllegalStateException("network " + lowest + " overlaps " + it.subnet() + " by the sweep but no subnet does");
    }

    /** "networks[2].subnet", or "networks[2].subnet[1]" for the second subnet of a dual-stack network. */
    static String subnetPath(Entry e, List<NetworkSpec> nets) {
        return "networks[" + e.index() + "].subnet" + (nets.get(e.index()).pools().size() == 1 ? "" : "[" + e.pool() + "]");
    }

    /** The minimum of any range of a fixed array in O(1), after O(n log n) preparation (a sparse table). */
    static final class RangeMin {
        private final int[][] table;

        RangeMin(int[] values) {
            int levels = 1;
            while ((1 << levels) <= values.length) {
                levels++;
            }
            table = new int[levels][];
            table[0] = values.clone();
            for (int k = 1; k < levels; k++) {
                int width = 1 << k;
                table[k] = new int[values.length - width + 1];
                for (int i = 0; i + width <= values.length; i++) {
                    table[k][i] = Math.min(table[k - 1][i], table[k - 1][i + width / 2]);
                }
            }
        }

        /** The minimum of positions from (inclusive) to to (exclusive); MAX_VALUE for an empty range. */
        int min(int from, int to) {
            if (from >= to) {
                return Integer.MAX_VALUE;
            }
            int k = 31 - Integer.numberOfLeadingZeros(to - from);
            return Math.min(table[k][from], table[k][to - (1 << k)]);
        }
    }
}
