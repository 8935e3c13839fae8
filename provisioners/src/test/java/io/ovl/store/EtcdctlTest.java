package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.render.StoreTls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdctlTest {
    @Test
    void statusAsksEveryMemberFromOnesContainerByArgv() {
        StoreLayout layout = Resources.labEtcd3(Optional.empty());
        assertEquals(List.of("docker", "exec", "-e", "ETCDCTL_API=3", "ovl-kv-etcd", "/usr/local/bin/etcdctl",
                "--endpoints=http://198.19.200.11:2379,http://198.19.200.12:2379,http://198.19.200.13:2379",
                "--dial-timeout=3s", "--command-timeout=10s", "endpoint", "status", "-w", "json"),
                Etcdctl.endpointStatus(layout, layout.members().get(0)).argv());
    }

    @Test
    void tlsUsesHttpsAndTheStoresFiles() {
        StoreLayout layout = Resources.labEtcd3(Optional.of(new StoreTls("/etc/ovl/ca.pem", "/etc/ovl/c.pem",
                "/etc/ovl/k.pem")));
        assertEquals(List.of("docker", "exec", "-e", "ETCDCTL_API=3", "ovl-kv-etcd", "/usr/local/bin/etcdctl",
                "--endpoints=https://198.19.200.12:2379", "--dial-timeout=3s", "--command-timeout=10s",
                "--cacert=/etc/ovl/ca.pem", "--cert=/etc/ovl/c.pem", "--key=/etc/ovl/k.pem",
                "snapshot", "save", "/etcd-data/s.db"),
                Etcdctl.snapshotSave(layout, layout.members().get(1), "/etcd-data/s.db").argv());
    }

    @Test
    void restoreRunsInAOneOffContainerWithTheMembersIdentity() {
        EtcdIdentity id = new EtcdIdentity("h1", "/etcd-data", "h1=http://a:2380,h2=http://b:2380", "ovl-etcd",
                "http://a:2380");
        assertEquals(List.of("docker", "run", "--rm", "--network", "none", "-e", "ETCDCTL_API=3",
                "-v", "ovl-kv-etcd-data:/etcd-data", "--entrypoint", "/usr/local/bin/etcdctl", "local/etcd:3.4",
                "snapshot", "restore", "/etcd-data/s.db", "--name=h1", "--data-dir=/etcd-data/fresh",
                "--initial-cluster=h1=http://a:2380,h2=http://b:2380", "--initial-cluster-token=ovl-etcd",
                "--initial-advertise-peer-urls=http://a:2380"),
                Etcdctl.snapshotRestore("local/etcd:3.4", "ovl-kv-etcd-data", "/etcd-data", "/usr/local/bin/etcdctl",
                        "/etcd-data/s.db", "/etcd-data/fresh", id).argv());
    }

    @Test
    void theBinarySitsNextToEtcd() {
        assertEquals("/usr/local/bin/etcdctl", Etcdctl.binary(List.of("/usr/local/bin/etcd", "--name=x")));
        assertEquals("etcdctl", Etcdctl.binary(List.of("etcd")));
        assertEquals("etcdctl", Etcdctl.binary(List.of()));
    }
}
