package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.agent.AgentAuthMethod;
import io.ovl.ssh.agent.AgentClient;
import io.ovl.ssh.agent.AgentException;
import io.ovl.ssh.agent.AgentIdentity;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Public key authentication in OpenSSH's order: the ssh-agent's keys first, then the identity
 * files (topology's, then ssh config's) that exist. A key file whose {@code .pub} matches a key
 * already offered by the agent is not offered twice, which keeps us under sshd's MaxAuthTries.
 * Passphrases are asked once per key file per connector (parallel hosts share the answer).
 */
final class Authenticator {

    private final Optional<AgentClient> agent;
    private final PassphrasePrompt prompt;
    private final Map<Path, char[]> passphrases = new ConcurrentHashMap<>();

    Authenticator(Optional<AgentClient> agent, PassphrasePrompt prompt) {
        this.agent = agent;
        this.prompt = prompt;
    }

    void authenticate(SSHClient client, SshEndpoint ep) {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> offered = new ArrayList<>();
        List<byte[]> agentBlobs = new ArrayList<>();
        String agentProblem = "";
        if (agent.isPresent()) {
            try {
                for (AgentIdentity id : agent.get().identities()) {
                    methods.add(new AgentAuthMethod(agent.get(), id));
                    agentBlobs.add(id.blob());
                    offered.add("ssh-agent key " + id.comment());
                }
            } catch (AgentException e) {
                agentProblem = "; " + e.getMessage();
            }
        }
        List<NoTerminalFinder> finders = new ArrayList<>();
        for (Path file : ep.identityFiles()) {
            if (!Files.isRegularFile(file) || publicKeyAlreadyOffered(file, agentBlobs)) {
                continue;
            }
            NoTerminalFinder finder = new NoTerminalFinder(file);
            try {
                KeyProvider key = client.loadKeys(file.toString(), finder);
                methods.add(new AuthPublickey(key));
                finders.add(finder);
                offered.add(file.toString());
            } catch (IOException e) {
                agentProblem += "; cannot read key " + file + ": " + e.getMessage();
            }
        }
        String where = "authenticate as " + ep.user() + "@" + ep.hostAndPort();
        if (methods.isEmpty()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": " + where
                    + ": no key to offer: no ssh-agent (SSH_AUTH_SOCK) keys and none of these identity files exists: "
                    + ep.identityFiles().stream().map(Path::toString).collect(Collectors.joining(", ")) + agentProblem);
        }
        try {
            client.auth(ep.user(), methods);
        } catch (UserAuthException e) {
            String locked = finders.stream().filter(NoTerminalFinder::neededTerminal).map(f -> f.file.toString())
                    .collect(Collectors.joining(", "));
            if (!locked.isEmpty()) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": " + where + ": key " + locked
                        + " is protected by a passphrase and there is no terminal to ask for it: add it to the"
                        + " ssh-agent (ssh-add " + locked + ") or run ovl in a terminal", e);
            }
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": " + where
                    + ": no key was accepted (offered: " + String.join(", ", offered) + ")" + agentProblem
                    + ". Add the public key to ~" + ep.user() + "/.ssh/authorized_keys on the host,"
                    + " or name the right key in identity-files", e);
        } catch (TransportException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + ep.label() + ": " + where + ": "
                    + SshErrors.describe(e, ep.connectTimeout()), e);
        }
    }

    /** Whether {@code file.pub} holds a key the agent already offers. */
    private static boolean publicKeyAlreadyOffered(Path file, List<byte[]> agentBlobs) {
        Path pub = Path.of(file + ".pub");
        if (agentBlobs.isEmpty() || !Files.isRegularFile(pub)) {
            return false;
        }
        try {
            String[] fields = Files.readString(pub, StandardCharsets.UTF_8).strip().split("\\s+");
            if (fields.length < 2 || KeyType.fromString(fields[0]) == KeyType.UNKNOWN) {
                return false;
            }
            byte[] blob = Base64.getDecoder().decode(fields[1]);
            return agentBlobs.stream().anyMatch(b -> Arrays.equals(b, blob));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Asks the prompt once per file; remembers when a passphrase was needed and nobody could answer. */
    private final class NoTerminalFinder implements PasswordFinder {
        private final Path file;
        private volatile boolean neededTerminal;

        NoTerminalFinder(Path file) {
            this.file = file;
        }

        boolean neededTerminal() {
            return neededTerminal;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            char[] known = passphrases.get(file);
            if (known != null) {
                return known.clone();
            }
            Optional<char[]> answer = prompt.ask(file);
            if (answer.isEmpty()) {
                neededTerminal = true;
                return null;
            }
            passphrases.put(file, answer.get().clone());
            return answer.get();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            // A wrong passphrase is forgotten so the next connection asks again.
            passphrases.remove(file);
            return false;
        }
    }
}
