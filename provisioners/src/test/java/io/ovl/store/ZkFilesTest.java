package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZkFilesTest {
    @Test
    void newestSnapshotAndTheLogsFromTheOneItStartsIn() {
        assertEquals(List.of("snapshot.20000001a", "log.200000001", "log.300000001"),
                ZkFiles.backupSet(List.of("snapshot.0", "snapshot.100000005", "snapshot.20000001a"),
                        List.of("log.1", "log.100000001", "log.200000001", "log.300000001")));
    }

    @Test
    void noSnapshotNoBackup() {
        assertEquals(List.of(), ZkFiles.backupSet(List.of(), List.of("log.1")));
        assertEquals(List.of("snapshot.0"), ZkFiles.backupSet(List.of("snapshot.0", "snapshot.tmp"), List.of()));
    }
}
