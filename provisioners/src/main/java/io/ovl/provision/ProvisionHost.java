package io.ovl.provision;

import io.ovl.docker.DockerApi;
import io.ovl.kv.StoreProbe;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.RemoteShell;

/**
 * One host during an init or reset run: the one SSH session opened for it, seen through the three
 * ways ovl uses it. {@link SshProvisionHost} is the real one; unit tests of pure orchestration use
 * fakes.
 */
public interface ProvisionHost extends AutoCloseable {
    /** The topology name. */
    String name();

    RemoteShell shell();

    default RemoteFiles files() {
        return new RemoteFiles(shell(), name());
    }

    DockerApi docker();

    StoreProbe storeProbe();

    @Override
    void close();
}
