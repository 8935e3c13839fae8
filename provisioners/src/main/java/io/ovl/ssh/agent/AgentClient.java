package io.ovl.ssh.agent;

import net.schmizz.sshj.common.Buffer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the ssh-agent on its Unix socket ({@code SSH_AUTH_SOCK}). SSHJ has no agent support,
 * so this speaks the protocol itself: list identities, and sign authentication data with a key
 * the agent holds, so private keys never enter ovl. A new socket connection per request keeps it
 * stateless and safe to share between threads; the agent answers in microseconds.
 */
public final class AgentClient {

    private final Path socket;

    public AgentClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    /** The agent's keys that SSHJ can use; keys of other kinds (e.g. security keys, certificates) are left out. */
    public List<AgentIdentity> identities() {
        List<AgentIdentity> usable = new ArrayList<>();
        for (AgentProtocol.RawIdentity raw : AgentProtocol.parseIdentitiesAnswer(call(AgentProtocol.requestIdentities()))) {
            try {
                usable.add(new AgentIdentity(new Buffer.PlainBuffer(raw.blob()).readPublicKey(), raw.blob(), raw.comment()));
            } catch (Buffer.BufferException | RuntimeException e) {
                // A key type SSHJ does not know cannot be offered; the others still can.
            }
        }
        return usable;
    }

    /** Signs {@code data} with the key {@code keyBlob}; returns the SSH signature blob. */
    public byte[] sign(byte[] keyBlob, byte[] data, int flags) {
        return AgentProtocol.parseSignResponse(call(AgentProtocol.signRequest(keyBlob, data, flags)));
    }

    private byte[] call(byte[] request) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer header = readFully(ch, 4);
            return readFully(ch, AgentProtocol.messageLength(header.array())).array();
        } catch (IOException e) {
            throw new AgentException("ssh-agent at " + socket + " (SSH_AUTH_SOCK): " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("the agent closed the connection after " + buf.position() + " of " + n + " bytes");
            }
        }
        return buf;
    }
}
