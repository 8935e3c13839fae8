package io.ovl.docker;

import java.io.IOException;

/** The daemon's bytes are not the HTTP/1.1 we expect; the message says what was seen. */
final class HttpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    HttpProtocolException(String message) {
        super(message);
    }
}
