package io.ovl.ssh;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * SSHJ host key verifier for one endpoint, with OpenSSH's semantics: a listed key is accepted; a
 * different key of the same type is refused (also under accept-new); an unknown key is refused
 * under STRICT and recorded under ACCEPT_NEW. SSHJ only learns true/false, so the reason for a
 * refusal is kept here and {@link HostSession} turns it into the error the user reads.
 *
 * <p>The name looked up is the endpoint's HostKeyAlias or its host name (what OpenSSH uses after
 * applying HostName), in {@code [host]:port} form for ports other than 22. SSHJ's hostname
 * argument is ignored on purpose: through a jump host SSHJ only knows what we told it anyway.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    private final SshEndpoint endpoint;
    private final KnownHostsWriter writer;
    private volatile Optional<String> refusal = Optional.empty();

    KnownHostsVerifier(SshEndpoint endpoint, KnownHostsWriter writer) {
        this.endpoint = endpoint;
        this.writer = writer;
    }

    String knownHostsName() {
        return HostKeys.knownHostsName(endpoint.hostKeyAlias().orElse(endpoint.hostName()), endpoint.port());
    }

    /** Why the last key was refused, if it was. */
    Optional<String> refusal() {
        return refusal;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String name = knownHostsName();
        List<Path> files = endpoint.knownHostsFiles();
        KnownHostsCheck check = KnownHostsFiles.read(files).check(name, key);
        if (check instanceof KnownHostsCheck.Known) {
            return true;
        }
        if (check instanceof KnownHostsCheck.Changed c) {
            return refuse(HostKeyMessages.changed(endpoint, name, key, c.file(), c.line()));
        }
        if (check instanceof KnownHostsCheck.Revoked r) {
            return refuse(HostKeyMessages.revoked(endpoint, name, key, r.file(), r.line()));
        }
        Optional<Path> target = writer.firstWritable(files);
        if (endpoint.hostKeyPolicy() == SshTarget.HostKeyPolicy.STRICT) {
            return refuse(HostKeyMessages.unknown(endpoint, name, key, files,
                    target.orElse(files.isEmpty() ? Path.of("~/.ssh/known_hosts") : files.get(0))));
        }
        if (target.isEmpty()) {
            return refuse(HostKeyMessages.nowhereToRecord(endpoint, name, key, files));
        }
        try {
            writer.append(target.get(), name, key);
            return true;
        } catch (IOException e) {
            return refuse("host " + endpoint.label() + ": host-key-policy accept-new: cannot write "
                    + target.get() + ": " + e.getMessage());
        }
    }

    private boolean refuse(String message) {
        refusal = Optional.of(message);
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return KnownHostsFiles.read(endpoint.knownHostsFiles()).knownAlgorithms(knownHostsName());
    }
}
