package io.ovl.doctor;

import io.ovl.ssh.RemoteShell;

/** An open connection to one host for the whole doctor run: its shell, closed at the end. */
public interface HostConnection extends RemoteShell, AutoCloseable {
    @Override
    void close();
}
