package io.ovl.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads HTTP responses kept under src/test/resources/io/ovl/docker. They are real bytes,
 * captured from the lab's Engine 20.10.24 and 26.1.5 hosts independently of ovl's code:
 * {@code printf 'GET /info HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n' | ssh root@HOST
 * docker system dial-stdio > info-chunked-20.10.http} (attach: with {@code Connection: Upgrade},
 * {@code Upgrade: tcp}, then the container started).
 */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource io/ovl/docker/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream(String name) {
        return new ByteArrayInputStream(bytes(name));
    }
}
