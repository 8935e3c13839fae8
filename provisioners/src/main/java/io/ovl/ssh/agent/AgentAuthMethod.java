package io.ovl.ssh.agent;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthPublickey;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * SSHJ's "publickey" authentication with the signature made by the ssh-agent. SSHJ asks the
 * server first with the public key alone and only signs when the server accepts it; the signing
 * step ({@link #putSig}) is the one replaced. For RSA keys the algorithm SSHJ negotiated
 * (rsa-sha2-512, rsa-sha2-256 or ssh-rsa) is passed to the agent as its sign flag.
 */
public final class AgentAuthMethod extends AuthPublickey {

    private final AgentClient agent;
    private final AgentIdentity identity;

    public AgentAuthMethod(AgentClient agent, AgentIdentity identity) {
        super(publicOnly(identity));
        this.agent = agent;
        this.identity = identity;
    }

    public AgentIdentity identity() {
        return identity;
    }

    @Override
    protected SSHPacket putSig(SSHPacket reqBuf) throws UserAuthException {
        String algorithm = signedAlgorithm(reqBuf);
        byte[] data = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(reqBuf)
                .getCompactData();
        try {
            // The agent's answer is already the SSH signature encoding: string algorithm, string blob.
            reqBuf.putString(agent.sign(identity.blob(), data, AgentProtocol.signFlagsFor(algorithm)));
        } catch (AgentException e) {
            throw new UserAuthException(e.getMessage(), e);
        }
        return reqBuf;
    }

    /**
     * The public key algorithm SSHJ wrote into the request (SSHJ 0.39 keeps its choice private; it
     * may move from rsa-sha2-512 to rsa-sha2-256 on retry). The request is: byte message id,
     * string user, string service, string "publickey", boolean true, string algorithm, string key.
     */
    static String signedAlgorithm(Buffer<?> request) {
        Buffer.PlainBuffer copy = new Buffer.PlainBuffer(request.getCompactData());
        try {
            copy.readByte();
            copy.readString();
            copy.readString();
            copy.readString();
            copy.readBoolean();
            return copy.readString();
        } catch (Buffer.BufferException e) {
            throw new IllegalStateException("cannot read the publickey request SSHJ built", e);
        }
    }

    @Override
    public String toString() {
        return "ssh-agent key " + identity.comment();
    }

    private static KeyProvider publicOnly(AgentIdentity identity) {
        return new KeyProvider() {
            @Override
            public PrivateKey getPrivate() throws IOException {
                throw new IOException("the private key stays in the ssh-agent");
            }

            @Override
            public PublicKey getPublic() {
                return identity.publicKey();
            }

            @Override
            public KeyType getType() {
                return KeyType.fromKey(identity.publicKey());
            }

            @Override
            public String toString() {
                return "ssh-agent key " + identity.comment();
            }
        };
    }
}
