package io.ovl.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a ZooKeeper server's files make a backup: the newest {@code snapshot.ZXID} and every
 * {@code log.ZXID} from the last one that starts at or before that snapshot's zxid (a snapshot is
 * fuzzy: transactions after its zxid, and some before, are in the logs). ZXIDs are hex. Pure.
 */
final class ZkFiles {
    private ZkFiles() {
    }

    static List<String> backupSet(List<String> snapshots, List<String> logs) {
        Optional<String> newest = snapshots.stream().filter(s -> zxid(s) >= 0).max(Comparator.comparingLong(ZkFiles::zxid));
        if (newest.isEmpty()) {
            return List.of();
        }
        long at = zxid(newest.get());
        List<String> sorted = logs.stream().filter(l -> zxid(l) >= 0).sorted(Comparator.comparingLong(ZkFiles::zxid)).toList();
        long from = sorted.stream().mapToLong(ZkFiles::zxid).filter(z -> z <= at).max().orElse(Long.MIN_VALUE);
        List<String> out = new ArrayList<>();
        out.add(newest.get());
        sorted.stream().filter(l -> zxid(l) >= from).forEach(out::add);
        return out;
    }

    /** The zxid of "snapshot.1a" or "log.1a", -1 for another name. */
    static long zxid(String file) {
        int dot = file.indexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseUnsignedLong(file.substring(dot + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
