package io.ovl.swarm;

import io.ovl.docker.SwarmApi;
import io.ovl.ssh.RemoteShell;

/** One host during a swarm run: its SSH session (for the run lock) and its Engine API. */
public interface SwarmHost extends AutoCloseable {
    String name();

    RemoteShell shell();

    SwarmApi api();

    @Override
    void close();
}
