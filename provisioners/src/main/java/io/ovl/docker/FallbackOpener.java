package io.ovl.docker;

import io.ovl.core.OvlException;
import java.io.IOException;

/**
 * Opens streams with {@code first} until it is refused outright (an {@link OvlException}, as
 * {@link SocketChannelOpener} throws when sshd refuses socket channels), then with {@code second}
 * for the rest of the run: asking a refusing sshd again would only add a round trip per request.
 */
final class FallbackOpener implements DuplexOpener {
    private final DuplexOpener first;
    private final DuplexOpener second;
    private volatile boolean refused;

    FallbackOpener(DuplexOpener first, DuplexOpener second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public DuplexStream open() throws IOException {
        if (!refused) {
            try {
                return first.open();
            } catch (OvlException e) {
                refused = true;
            }
        }
        return second.open();
    }
}
