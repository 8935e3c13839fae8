package io.ovl.ssh.agent;

import java.security.PublicKey;

/** A key held by the ssh-agent, readable by SSHJ (ed25519, ecdsa, rsa). */
public record AgentIdentity(PublicKey publicKey, byte[] blob, String comment) {
    public AgentIdentity {
        blob = blob.clone();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }
}
