package io.ovl.ssh.agent;

import io.ovl.ssh.TestKeys;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;
import com.hierynomus.sshj.signature.SignatureEdDSA;
import net.schmizz.sshj.signature.SignatureRSA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent client against a REAL ssh-agent started by the test, with keys added by ssh-add. */
class AgentClientIT {

    @TempDir
    Path dir;

    @Test
    void listsAddedKeysAndSignsWithThem() throws Exception {
        Path ed = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        Path rsa = TestKeys.generate(dir.resolve("keys"), "rsa", "");
        try (TestAgent agent = TestAgent.start(dir)) {
            AgentClient client = new AgentClient(agent.socket());
            assertTrue(client.identities().isEmpty());
            agent.add(ed);
            agent.add(rsa);
            List<AgentIdentity> ids = client.identities();
            assertEquals(2, ids.size());
            assertEquals("ovl-test-ed25519", ids.get(0).comment());
            assertEquals(KeyType.ED25519, KeyType.fromKey(ids.get(0).publicKey()));
            assertEquals(KeyType.RSA, KeyType.fromKey(ids.get(1).publicKey()));

            byte[] data = "session id and request".getBytes(StandardCharsets.UTF_8);
            assertSignatureVerifies(ids.get(0), client.sign(ids.get(0).blob(), data, 0), data, "ssh-ed25519",
                    new SignatureEdDSA.Factory().create());
            assertSignatureVerifies(ids.get(1), client.sign(ids.get(1).blob(), data, AgentProtocol.SSH_AGENT_RSA_SHA2_256),
                    data, "rsa-sha2-256", new SignatureRSA.FactoryRSASHA256().create());
            assertSignatureVerifies(ids.get(1), client.sign(ids.get(1).blob(), data, AgentProtocol.SSH_AGENT_RSA_SHA2_512),
                    data, "rsa-sha2-512", new SignatureRSA.FactoryRSASHA512().create());
        }
    }

    private static void assertSignatureVerifies(AgentIdentity id, byte[] sigBlob, byte[] data, String algorithm,
                                                Signature verifier) throws Buffer.BufferException {
        Buffer.PlainBuffer b = new Buffer.PlainBuffer(sigBlob);
        assertEquals(algorithm, b.readString());
        verifier.initVerify(id.publicKey());
        verifier.update(data);
        assertTrue(verifier.verify(sigBlob), algorithm + " signature from the agent verifies");
        verifier.initVerify(id.publicKey());
        verifier.update("other data".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(sigBlob), "and does not verify other data");
    }

    @Test
    void unknownKeyIsRefusedByTheAgent() throws Exception {
        Path ed = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (TestAgent agent = TestAgent.start(dir)) {
            agent.add(ed);
            AgentClient client = new AgentClient(agent.socket());
            byte[] blob = client.identities().get(0).blob();
            blob[blob.length - 1] ^= 1;
            AgentException e = assertThrows(AgentException.class, () -> client.sign(blob, new byte[] {1}, 0));
            assertTrue(e.getMessage().contains("SSH_AGENT_FAILURE"), e.getMessage());
        }
    }

    @Test
    void missingSocketNamesIt() {
        AgentException e = assertThrows(AgentException.class,
                () -> new AgentClient(dir.resolve("nope.sock")).identities());
        assertTrue(e.getMessage().contains("nope.sock") && e.getMessage().contains("SSH_AUTH_SOCK"), e.getMessage());
    }
}
