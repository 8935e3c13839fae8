package io.ovl.docker;

import java.io.IOException;

/** Opens a fresh {@link DuplexStream} to one host's Docker daemon for each HTTP exchange. */
@FunctionalInterface
interface DuplexOpener {

    /**
     * @throws io.ovl.core.OvlException when the host refuses in a way a person must fix (the
     *     message says how)
     * @throws IOException when the SSH connection itself failed
     */
    DuplexStream open() throws IOException;
}
